// The map's code (Leaflet and the map pages) is not part of the app shell:
// most staff never open the map, so the service worker does not precache it
// for everyone (vite.config.ts leaves it out of the manifest with shellOnly);
// map-cache.ts keeps it once a dispatcher's map has loaded it, for offline use.
// Declared once here for the build and the worker.

/** The chunk vite.config.ts puts Leaflet and its clustering plugin in (JS and CSS). */
export const LEAFLET_CHUNK = 'leaflet';

/** Build output only the map loads: Leaflet, the map's lazy tab (app/tabs.ts), their CSS. Names carry a content hash. */
const MAP_ASSET = new RegExp(`^/?assets/(${LEAFLET_CHUNK}|MapPage|MapPane)-[\\w-]+\\.(js|css)$`);

/** `path`: a URL's pathname, or a precache manifest's relative url. */
export const isMapAsset = (path: string): boolean => MAP_ASSET.test(path);

/** The precache manifest without the map's code. */
export function shellOnly<T extends { readonly url: string }>(entries: readonly T[]): T[] {
  return entries.filter((e) => !isMapAsset(e.url));
}
