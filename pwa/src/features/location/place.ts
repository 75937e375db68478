// Where a place of the site model lies: a room on its floor plan → lat/lon
// within its building's bounds (x from the west, y from the south edge).
import type { GeoLocation, SiteBuilding, SiteModel } from '@bleep/protocol';

export function roomLatLon(b: SiteBuilding, x: number, y: number): [number, number] {
  const [[s, w], [n, e]] = b.bounds;
  return [s + (n - s) * y, w + (e - w) * x];
}

/** Where to draw a location: its coordinates, else its room, else its building's middle. */
export function positionOf(l: GeoLocation, site: SiteModel | undefined): [number, number] | undefined {
  if (l.lat !== undefined && l.lon !== undefined) return [l.lat, l.lon];
  const b = site?.buildings.find((x) => x.id === l.building);
  if (!b) return undefined;
  const room = b.floors.find((f) => f.id === l.floor)?.rooms.find((r) => r.id === l.room);
  return room ? roomLatLon(b, room.x, room.y) : roomLatLon(b, 0.5, 0.5);
}

/** "North wing · Floor 1 · ICU", for lists and cards. */
export function placeName(l: GeoLocation, site: SiteModel | undefined): string {
  const b = site?.buildings.find((x) => x.id === l.building);
  const f = b?.floors.find((x) => x.id === l.floor);
  const r = f?.rooms.find((x) => x.id === l.room);
  return [b?.name ?? l.building, f?.name ?? l.floor, r?.name ?? l.room].filter(Boolean).join(' · ');
}

/** Metres between two points (haversine), for the 10 m throttle. */
export function metres(a: [number, number], b: [number, number]): number {
  const rad = Math.PI / 180;
  const dLat = (b[0] - a[0]) * rad;
  const dLon = (b[1] - a[1]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}
