// The offline shell: everything the build emits but the map's code
// (map-assets.ts, cached when first used: map-cache.ts) is precached, and any page
// the app routes (/, /chat/…, /settings) is answered with index.html, so a
// reload with the server unreachable still shows the app, offline.
import {
  cleanupOutdatedCaches,
  createHandlerBoundToURL,
  precacheAndRoute,
  type PrecacheEntry,
} from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';

/** Live XMPP, uploads and the server's settings: never answered with the app shell (media-cache.ts keeps downloaded attachments). */
export const NETWORK_ONLY = [/^\/xmpp-websocket/, /^\/file_share\//, /^\/config\.json/];

export function installPrecache(files: (PrecacheEntry | string)[]): void {
  precacheAndRoute(files);
  cleanupOutdatedCaches();
  registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: NETWORK_ONLY }));
}
