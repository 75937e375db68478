// The security headers of every response: the same table as nginx's
// docker/web/security-headers.conf (headers.test.ts compares the two).
// `tiles`: the origin of the outdoor map tile server (BLEEP_MAP_TILE_URL, tileOrigin), '' when none.
export function securityHeaders(host: string, tiles = ''): Record<string, string> {
  return {
    // connect-src: the XMPP WebSocket is same-origin wss. img-src/media-src blob:: photos, videos and
    // voice messages are decrypted in the page and shown from blob: URLs (features/media). img-src
    // names the tile server only when one is set: the default map is the app's own plans.
    'Content-Security-Policy': `default-src 'self'; connect-src 'self' wss://${host}; img-src 'self' data: blob:${tiles ? ` ${tiles}` : ''}; media-src 'self' blob:; style-src 'self'; script-src 'self'; worker-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'`,
    'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    // Location sharing, voice messages and photos need these three, from this origin only.
    'Permissions-Policy': 'geolocation=(self), microphone=(self), camera=(self), payment=(), usb=()',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'X-Frame-Options': 'DENY',
  };
}

/** Files the browser must revalidate every time: the shell, the worker and the settings. */
export const NO_CACHE = new Set([
  '/',
  '/index.html',
  '/sw.js',
  '/registerSW.js',
  '/manifest.webmanifest',
  '/config.json',
]);

export function cacheControl(path: string, isFallback: boolean): string {
  if (isFallback || NO_CACHE.has(path)) return 'no-cache';
  // Vite fingerprints everything under /assets/.
  if (path.startsWith('/assets/')) return 'public, max-age=31536000, immutable';
  return 'public, max-age=3600';
}
