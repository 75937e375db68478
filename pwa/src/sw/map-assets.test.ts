import { describe, expect, it } from 'vitest';
import { isMapAsset, shellOnly } from './map-assets.ts';

// Names as `vite build` writes them (see vite.config.ts).
const manifest = [
  'index.html',
  'assets/index-CvBXGRc1.js',
  'assets/index-BEXl29xz.css',
  'assets/leaflet-UlJavdiT.js',
  'assets/leaflet-C1sF6AH5.css',
  'assets/MapPage-DqmA18No.js',
  'assets/MapPage-BYcrtwWf.css',
  'assets/MapPane-DInQ_5rY.js',
  'assets/map-view.store-DTF_IBtA.js',
  'assets/LocationPicker-B83XtVbs.js',
  'assets/AdminSite-C0Gf0P4h.js',
  'site/north-0.svg',
].map((url) => ({ url, revision: null }));

describe('the precache list', () => {
  it("leaves out Leaflet and the map's pages, and keeps the rest of the shell", () => {
    expect(shellOnly(manifest).map((e) => e.url)).toEqual([
      'index.html',
      'assets/index-CvBXGRc1.js',
      'assets/index-BEXl29xz.css',
      // Everything else stays, code the map shares with other screens included.
      'assets/map-view.store-DTF_IBtA.js',
      'assets/LocationPicker-B83XtVbs.js',
      'assets/AdminSite-C0Gf0P4h.js',
      'site/north-0.svg',
    ]);
  });

  it("recognises the map's files by their URL path, for the runtime cache", () => {
    expect(isMapAsset('/assets/leaflet-UlJavdiT.js')).toBe(true);
    expect(isMapAsset('/assets/MapPane-BOwL9ufM.css')).toBe(true);
    expect(isMapAsset('/assets/index-CvBXGRc1.js')).toBe(false);
    expect(isMapAsset('/map')).toBe(false);
    expect(isMapAsset('/file_share/x/leaflet-a.js')).toBe(false);
  });
});
