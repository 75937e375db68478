// The open incidents on the dispatcher's map (issue #10, part 5): the
// alarm-incidents table (protocol/README.md) → typed values. Where an
// incident is comes as GPS or as site model ids; one with neither is listed
// nowhere on the map. A bad answer is an Error value.
import { FORM_ALARM_INCIDENTS, OPEN_INCIDENT_FIELDS as F, type GeoLocation } from '@bleep/protocol';
import type { CommandStep } from '../forms/command.ts';
import { parseTable } from '../forms/dataform.ts';

export interface MapIncident {
  readonly id: string;
  readonly name: string;
  readonly colour: string;
  /** The incident room on conference.<domain>. */
  readonly room: string;
  readonly position: GeoLocation;
}

const number = (s: string) => (s.trim() && Number.isFinite(Number(s)) ? Number(s) : undefined);

export function parseOpenIncidents(step: CommandStep): MapIncident[] | Error {
  if (!step.x || step.form?.formType !== FORM_ALARM_INCIDENTS)
    return new Error('The server did not list the open incidents.');
  const out: MapIncident[] = [];
  for (const f of parseTable(step.x)) {
    const one = (k: string) => f[k]?.[0] ?? '';
    const [lat, lon] = [number(one(F.lat)), number(one(F.lon))];
    const gps = lat !== undefined && lon !== undefined ? { lat, lon } : {};
    const site = one(F.building) ? { building: one(F.building), floor: one(F.floor), room: one(F.place) } : {};
    if (!one(F.incident) || !one(F.room) || (!('lat' in gps) && !('building' in site))) continue;
    out.push({
      id: one(F.incident),
      name: one(F.name),
      colour: /^#[0-9a-f]{6}$/i.test(one(F.colour)) ? one(F.colour) : '#dc2626',
      room: one(F.room),
      position: { ...gps, ...site, timestamp: one(F.created) },
    });
  }
  return out;
}
