// The map's code, cached the first time a dispatcher's map loads it (it is not
// precached: map-assets.ts), so the map opens offline after one online visit.
// Its file names carry a content hash, never reused for other bytes, so
// cache-first is always right; a new build's names replace the old ones.
import { ExpirationPlugin } from 'workbox-expiration';
import { registerRoute } from 'workbox-routing';
import { CacheFirst } from 'workbox-strategies';
import { isMapAsset } from './map-assets.ts';

export const MAP_CACHE = 'bleep-map';

export function installMapCache(self: ServiceWorkerGlobalScope): void {
  registerRoute(
    ({ url, request }) => request.method === 'GET' && url.origin === self.location.origin && isMapAsset(url.pathname),
    new CacheFirst({
      cacheName: MAP_CACHE,
      plugins: [
        { cacheWillUpdate: async ({ response }) => (response.status === 200 ? response : null) },
        // A few builds' worth of the map's handful of files.
        new ExpirationPlugin({ maxEntries: 30, purgeOnQuotaError: true }),
      ],
    }),
  );
}
