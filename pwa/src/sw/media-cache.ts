// Encrypted attachments (XEP-0454 ciphertext from /file_share/) are kept once
// downloaded, so a photo or voice message seen before opens again offline.
// The cache holds ciphertext only: the keys live in the messages, never here.
// A slot URL is never reused for other bytes, so cache-first is always right.
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';

/** The cache's name; the app deletes it at sign-out (features/media). */
export const MEDIA_CACHE = 'bleep-media';

export function installMediaCache(self: ServiceWorkerGlobalScope): void {
  registerRoute(
    ({ url, request }) =>
      request.method === 'GET' && url.origin === self.location.origin && url.pathname.startsWith('/file_share/'),
    new CacheFirst({
      cacheName: MEDIA_CACHE,
      plugins: [
        // Only whole downloads: no 404 of an expired upload, no partial (206) range answers.
        { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) },
        new ExpirationPlugin({ maxEntries: 300, maxAgeSeconds: 30 * 24 * 3600, purgeOnQuotaError: true }),
      ],
    }),
  );
}
