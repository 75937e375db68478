// The alarm commands' answers (protocol/README.md, "Preset alarms") ↔ typed
// values: the presets table, the `alarm` result, the open incidents
// (alarm-incidents) and a report. A bad answer is an Error value.
import {
  ALARM_ICONS,
  ALARM_RAISED_FIELDS,
  FORM_ALARM_INCIDENTS,
  FORM_ALARM_PRESETS,
  FORM_ALARM_RAISED,
  FORM_ALARM_REPORT,
  INCIDENT_FIELDS,
  OPEN_INCIDENT_FIELDS as F,
  PRESET_FIELDS,
  type AlarmIcon,
  type GeoLocation,
} from '@bleep/protocol';
import type { CommandStep } from '../forms/command.ts';
import { parseTable } from '../forms/dataform.ts';

/** What the alarm sheet needs of a preset: its button. */
export interface PresetButton {
  readonly id: string;
  readonly name: string;
  readonly colour: string;
  readonly icon: AlarmIcon;
  readonly severity: string;
  readonly details: readonly string[];
}

export function parsePresets(step: CommandStep): PresetButton[] | Error {
  if (!step.x || step.form?.formType !== FORM_ALARM_PRESETS) return new Error('The server did not list the alarms.');
  return parseTable(step.x)
    .map((f) => {
      const one = (k: string) => f[k]?.[0] ?? '';
      const icon = one(PRESET_FIELDS.icon) as AlarmIcon;
      return {
        id: one(PRESET_FIELDS.id),
        name: one(PRESET_FIELDS.name),
        colour: /^#[0-9a-f]{6}$/i.test(one(PRESET_FIELDS.colour)) ? one(PRESET_FIELDS.colour) : '#dc2626',
        icon: ALARM_ICONS.includes(icon) ? icon : 'bell',
        severity: one(PRESET_FIELDS.severity),
        details: f[PRESET_FIELDS.details] ?? [],
      };
    })
    .filter((p) => p.id && p.name);
}

/** The `alarm` command's result: the incident and its room, and whether it joined one already open. */
export interface Raised {
  readonly incident: string;
  readonly room: string;
  readonly merged: boolean;
  readonly alerted: number;
  readonly note: string;
}

export function parseRaised(step: CommandStep): Raised | Error {
  const v = step.form?.formType === FORM_ALARM_RAISED ? step.form.fields : undefined;
  const one = (k: string) => v?.find((f) => f.var === k)?.values[0] ?? '';
  if (!one(ALARM_RAISED_FIELDS.incident) || !one(ALARM_RAISED_FIELDS.room))
    return new Error('The server did not confirm the alarm. Call it in by phone.');
  return {
    incident: one(ALARM_RAISED_FIELDS.incident),
    room: one(ALARM_RAISED_FIELDS.room).toLowerCase(),
    merged: ['1', 'true'].includes(one(ALARM_RAISED_FIELDS.merged)),
    alerted: Number.parseInt(one(ALARM_RAISED_FIELDS.alerted), 10) || 0,
    note: step.note,
  };
}

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

const number = (s: string) => (s.trim() && Number.isFinite(Number(s)) ? Number(s) : undefined);

export function parseOpenIncidents(step: CommandStep): OpenIncident[] | Error {
  if (!step.x || step.form?.formType !== FORM_ALARM_INCIDENTS)
    return new Error('The server did not list the open incidents.');
  const out: OpenIncident[] = [];
  for (const f of parseTable(step.x)) {
    const one = (k: string) => f[k]?.[0] ?? '';
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

/** A report's lines (the printable timeline, or CSV rows). */
export function parseReport(step: CommandStep): string[] | Error {
  if (step.form?.formType !== FORM_ALARM_REPORT) return new Error('The server sent no report.');
  const f = step.form.fields.find((x) => x.var === INCIDENT_FIELDS.report);
  return f ? f.values.flatMap((v) => v.split('\n')).filter((l) => l.trim()) : new Error('The server sent no report.');
}

/** An incident room's JID → its incident id (alarm-<id>@conference.<domain>), '' for any other room. */
export const incidentOfRoom = (room: string) => /^alarm-([^@]+)@/.exec(room)?.[1] ?? '';
