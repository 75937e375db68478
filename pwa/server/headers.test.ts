// The Node server and nginx must send the same headers: one table here, one
// file there, compared line by line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cacheControl, securityHeaders } from './headers.ts';

const NGINX = new URL('../../docker/web/security-headers.conf', import.meta.url);

/** nginx's headers, its variables as nginx.conf.template and entrypoint.sh fill them. */
function nginxHeaders(host: string, tiles = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(NGINX, 'utf8').matchAll(/^add_header (\S+) "([^"]*)" always;$/gm))
    out[m[1]!] = m[2]!.replaceAll('$host', host).replaceAll('$bleep_map_tiles', tiles ? ` ${tiles}` : '');
  return out;
}

describe('security headers', () => {
  it('are the same as nginx sends in production, with and without a map tile server', () => {
    expect(securityHeaders('bleep.example:8443')).toEqual(nginxHeaders('bleep.example:8443'));
    const tiles = 'https://tiles.example';
    expect(securityHeaders('bleep.example:8443', tiles)).toEqual(nginxHeaders('bleep.example:8443', tiles));
  });

  it('let map tiles come only from the tile server set, and by default from nowhere but this origin', () => {
    const img = (csp: string) => /img-src ([^;]*);/.exec(csp)![1];
    expect(img(securityHeaders('h.example')['Content-Security-Policy']!)).toBe("'self' data: blob:");
    expect(img(securityHeaders('h.example', 'https://tiles.example')['Content-Security-Policy']!)).toBe(
      "'self' data: blob: https://tiles.example",
    );
  });

  it('allow scripts, styles and the WebSocket only from this origin', () => {
    const csp = securityHeaders('h.example')['Content-Security-Policy']!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self' wss://h.example");
    expect(csp).not.toContain('unsafe-inline');
  });

  it('make the shell revalidate and cache fingerprinted assets for a year', () => {
    for (const p of ['/', '/index.html', '/sw.js', '/registerSW.js', '/manifest.webmanifest', '/config.json'])
      expect(cacheControl(p, false), p).toBe('no-cache');
    expect(cacheControl('/chats/42', true)).toBe('no-cache');
    expect(cacheControl('/assets/index-abc.js', false)).toContain('immutable');
  });
});
