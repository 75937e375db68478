// Where an incident goes on the dispatcher's map (issue #10, part 5): the
// site room its location names ("North wing · Floor 1 · ICU", as the PWA
// fills it in, or a room's own name when only one room has it), else where
// the trigger shares their location now (a room or GPS). Otherwise it has
// no position and stays in the list only. And, when the trigger named no
// place, the place responders are told from their GPS (gpsPlace).
import type { Bounds, GeoLocation, SiteModel } from '@bleep/protocol';

const fold = (s: string) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');

function namedRoom(site: SiteModel, text: string): GeoLocation | undefined {
  const wanted = fold(text);
  if (!wanted) return undefined;
  const full: GeoLocation[] = [];
  const alone: GeoLocation[] = [];
  for (const b of site.buildings)
    for (const f of b.floors)
      for (const r of f.rooms) {
        const at = { building: b.id, floor: f.id, room: r.id, timestamp: '' };
        if (fold([b.name, f.name, r.name].join(' · ')) === wanted) full.push(at);
        else if (fold(r.name) === wanted || r.id === wanted) alone.push(at);
      }
  return full[0] ?? (alone.length === 1 ? alone[0] : undefined);
}

export function incidentPosition(
  site: SiteModel | undefined,
  location: string,
  shared: GeoLocation | undefined,
  at: string,
): GeoLocation | undefined {
  const named = site && namedRoom(site, location);
  if (named) return { ...named, timestamp: at };
  if (!shared) return undefined;
  const { lat, lon, accuracy, building, floor, room, timestamp } = shared;
  return { lat, lon, accuracy, building, floor, room, timestamp };
}

const inside = ([[south, west], [north, east]]: Bounds, lat: number, lon: number) =>
  lat >= south && lat <= north && lon >= west && lon <= east;

/**
 * Where to go when the trigger named no place but shared GPS (issue #10): the site model's building whose bounds
 * hold the point, "South wing (from GPS, ±12 m)", else "GPS position shared (±12 m)"; '' without coordinates. Told to
 * responders in place of "place not given" (trigger.ts); the coordinates themselves stay out of the text and logs.
 */
export function gpsPlace(site: SiteModel | undefined, at: GeoLocation | undefined): string {
  if (at?.lat === undefined || at.lon === undefined) return '';
  const { lat, lon, accuracy } = at;
  const within = accuracy === undefined ? '' : `±${Math.round(accuracy)} m`;
  const building = site?.buildings.find((b) => inside(b.bounds, lat, lon));
  return building
    ? `${building.name} (${['from GPS', within].filter(Boolean).join(', ')})`
    : `GPS position shared${within && ` (${within})`}`;
}
