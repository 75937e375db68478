import { describe, expect, it } from 'vitest';
import { goodEnv } from '../test-fixtures.ts';
import { parseSettings } from './load.ts';
import { isTileUrl, tileOrigin } from './map-tiles.ts';

describe('BLEEP_MAP_TILE_URL', () => {
  it('takes an http(s) tile URL on one host, and gives the origin the CSP allows', () => {
    for (const [url, origin] of [
      ['https://tile.openstreetmap.org/{z}/{x}/{y}.png', 'https://tile.openstreetmap.org'],
      ['http://tiles.hospital.example:8080/osm/{z}/{x}/{y}.png?key=a1', 'http://tiles.hospital.example:8080'],
    ]) {
      expect(isTileUrl(url!), url).toBe(true);
      expect(tileOrigin(url!)).toBe(origin);
    }
    expect(tileOrigin('')).toBe('');
  });

  it('refuses what a JSON string, nginx or the CSP would read differently, and {s} hosts', () => {
    for (const url of [
      'https://{s}.tile.openstreetmap.org/{z}/{x}/{y}.png',
      "https://t.example/{z}/{x}/{y}.png'; script-src *",
      'https://t.example/{z}/{x}/{y}.png"',
      'https://t.example/$host/{z}/{x}/{y}.png',
      'https://t.example/{z}/{x}/{y}.png; img-src *',
      'https://t.example/{z}/{x}.png',
      'ftp://t.example/{z}/{x}/{y}.png',
    ])
      expect(isTileUrl(url), url).toBe(false);
  });

  it('is refused at start with the reason, and empty by default', () => {
    const bad = parseSettings({ ...goodEnv, BLEEP_MAP_TILE_URL: 'https://{s}.t.example/{z}/{x}/{y}.png' }, '/');
    expect(bad.ok ? [] : bad.problems).toEqual([
      { setting: 'BLEEP_MAP_TILE_URL', message: expect.stringMatching(/one host/) as unknown },
    ]);
    const none = parseSettings(goodEnv, '/');
    expect(none.ok && none.settings.mapTileUrl).toBe('');
  });
});
