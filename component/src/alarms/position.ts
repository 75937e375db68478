// Where an incident goes on the dispatcher's map (issue #10, part 5): the
// site room its location names ("North wing · Floor 1 · ICU", as the PWA
// fills it in, or a room's own name when only one room has it), else where
// the trigger shares their location now (a room or GPS). Otherwise it has
// no position and stays in the list only.
import type { GeoLocation, SiteModel } from '@bleep/protocol';

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
