// A floor plan in the site editor is a Leaflet image overlay on CRS.Simple:
// the image spans lat 0…1 (south → north) and lng 0…aspect (west → east). The
// site model's x, y are 0…1 from the west and from the south edge (protocol:
// SiteRoom), so y is lat and x is lng / aspect. The aspect is the building's on
// the map, where the plan is stretched over its bounds: what the admin clicks
// on is drawn as the dispatcher sees it, whatever the image's own shape.
import type { Bounds, PlanPoint } from '@bleep/protocol';

/** Width over height of a building's bounds on the map: degrees of longitude shrink with the cosine of latitude. */
export function boundsAspect([[s, w], [n, e]]: Bounds): number {
  const ratio = ((e - w) * Math.cos((((s + n) / 2) * Math.PI) / 180)) / (n - s);
  return Number.isFinite(ratio) && ratio > 0 ? ratio : 1;
}

/** The overlay's bounds on CRS.Simple: [[south, west], [north, east]]. */
export const planBounds = (aspect: number): [[number, number], [number, number]] => [
  [0, 0],
  [1, aspect],
];

/** Four decimals: a tenth of a millimetre on a 100 m plan, and a short JSON. */
const round = (v: number) => Math.round(v * 10_000) / 10_000;
const clamp = (v: number) => Math.min(1, Math.max(0, v));

/** Where a click (or a dropped marker) lies on the plan: x, y in 0…1, held to the plan's edges. */
export function toPlan(lat: number, lng: number, aspect: number): PlanPoint {
  return [round(clamp(lng / aspect)), round(clamp(lat))];
}

/** Where a plan point is drawn: [lat, lng] on CRS.Simple. */
export function toLatLng([x, y]: PlanPoint, aspect: number): [number, number] {
  return [y, x * aspect];
}
