// BLEEP_MAP_TILE_URL (issue #9): an optional outdoor tile server for the
// dispatcher's map, in Leaflet's template form (https://host/{z}/{x}/{y}.png).
// The web servers pass it to the app in /config.json and allow its origin in
// the CSP's img-src (pwa/server/headers.ts, docker/web), so it must read the
// same in a JSON string, an nginx string and a CSP: no quotes, backslash, $,
// ; or space. One plain host: Leaflet's {s} would spread requests over
// subdomains the CSP would each have to name.
const TILE_URL = /^(https?:\/\/[A-Za-z0-9.-]+(?::[0-9]{1,5})?)\/[A-Za-z0-9._~/{}?&=%+,:@-]*$/;

/** '' (no tile server: the offline site plans only) or a usable tile URL. */
export const isTileUrl = (v: string): boolean =>
  v === '' || (TILE_URL.test(v) && ['{z}', '{x}', '{y}'].every((p) => v.includes(p)));

/** The origin the CSP's img-src must allow for the tiles ('' when there is no tile server). */
export const tileOrigin = (url: string): string => TILE_URL.exec(url)?.[1] ?? '';
