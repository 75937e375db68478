// Open incidents on the wire (protocol/README.md, "Preset alarms") ↔ typed
// values: the rows of the alarm-incidents table (XEP-0004 §3.4 items), as the
// command answers them and as the component pushes one with each change of an
// incident (<incidents/> in a headline from alarms@ops.<domain>). The alarms
// feature and the map read them from here.
import {
  INCIDENT_CHANGES,
  NS_DATA,
  OPEN_INCIDENT_FIELDS as F,
  type GeoLocation,
  type IncidentChange,
} from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

/**
 * An open incident as alarm-incidents lists it (the one source for the Incidents tab and the map): its id,
 * room and name ("Code Blue · Ward 3 · 10:42"), colour, the place the trigger gave, when it was triggered, and
 * where it is when known (GPS or site model ids).
 */
export interface OpenIncident {
  readonly id: string;
  readonly name: string;
  readonly colour: string;
  /** The incident room on conference.<domain>. */
  readonly room: string;
  readonly location: string;
  /** ISO 8601. */
  readonly created: string;
  readonly position: GeoLocation | undefined;
}

/** A change pushed by the component: the incident's row, none once it is resolved. */
export interface IncidentNews {
  readonly change: IncidentChange;
  readonly incident: string;
  readonly row: OpenIncident | undefined;
}

const number = (s: string) => (s.trim() && Number.isFinite(Number(s)) ? Number(s) : undefined);

/** The rows of an alarm-incidents table; rows without an id or a room are left out. */
export function parseIncidentRows(x: XmlElement): OpenIncident[] {
  const out: OpenIncident[] = [];
  for (const item of x.getChildren('item')) {
    const f = Object.fromEntries(
      item.getChildren('field').map((v) => [v.attrs.var ?? '', v.getChildText('value') ?? '']),
    );
    const one = (k: string) => f[k] ?? '';
    const [lat, lon] = [number(one(F.lat)), number(one(F.lon))];
    const gps = lat !== undefined && lon !== undefined ? { lat, lon } : undefined;
    const site = one(F.building) ? { building: one(F.building), floor: one(F.floor), room: one(F.place) } : undefined;
    if (!one(F.incident) || !one(F.room)) continue;
    out.push({
      id: one(F.incident),
      name: one(F.name) || one(F.incident),
      colour: /^#[0-9a-f]{6}$/i.test(one(F.colour)) ? one(F.colour) : '#dc2626',
      room: one(F.room).toLowerCase(),
      location: one(F.location),
      created: one(F.created),
      position: gps || site ? { ...gps, ...site, timestamp: one(F.created) } : undefined,
    });
  }
  return out;
}

/** An <incidents/> change, or undefined when it names no known change or no incident. */
export function parseIncidentNews(el: XmlElement): IncidentNews | undefined {
  const change = (INCIDENT_CHANGES as readonly string[]).includes(el.attrs.change ?? '')
    ? (el.attrs.change as IncidentChange)
    : undefined;
  const incident = el.attrs.incident ?? '';
  if (!change || !incident) return undefined;
  const x = el.getChild('x', NS_DATA);
  const row = x ? parseIncidentRows(x).find((r) => r.id === incident) : undefined;
  return { change, incident, row: change === 'resolved' || change === 'failed' ? undefined : row };
}
