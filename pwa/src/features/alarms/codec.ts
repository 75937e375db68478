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
  PRESET_FIELDS,
  type AlarmIcon,
} from '@bleep/protocol';
import type { CommandStep } from '../forms/command.ts';
import { parseIncidentRows, type OpenIncident } from '../messages/index.ts';
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

/** The preset-less alarm red: an alarm whose preset this device does not know (yet). */
export const ALARM_RED = '#dc2626';

/**
 * The full-screen alarm's colour: the one an older <alarm/> carried, else its preset's (protocol AlarmPayload: the
 * presets are kept on the device, so this works on a cold start offline too), else the alarm red.
 */
export const alarmColour = (
  a: { readonly preset: string; readonly colour: string },
  presets: readonly PresetButton[],
) => a.colour || presets.find((p) => p.id === a.preset)?.colour || ALARM_RED;

export function parsePresets(step: CommandStep): PresetButton[] | Error {
  if (!step.x || step.form?.formType !== FORM_ALARM_PRESETS) return new Error('The server did not list the alarms.');
  return parseTable(step.x)
    .map((f) => {
      const one = (k: string) => f[k]?.[0] ?? '';
      const icon = one(PRESET_FIELDS.icon) as AlarmIcon;
      return {
        id: one(PRESET_FIELDS.id),
        name: one(PRESET_FIELDS.name),
        colour: /^#[0-9a-f]{6}$/i.test(one(PRESET_FIELDS.colour)) ? one(PRESET_FIELDS.colour) : ALARM_RED,
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

export type { OpenIncident };

export function parseOpenIncidents(step: CommandStep): OpenIncident[] | Error {
  if (!step.x || step.form?.formType !== FORM_ALARM_INCIDENTS)
    return new Error('The server did not list the open incidents.');
  return parseIncidentRows(step.x);
}

export function parseReport(step: CommandStep): string[] | Error {
  if (step.form?.formType !== FORM_ALARM_REPORT) return new Error('The server sent no report.');
  const f = step.form.fields.find((x) => x.var === INCIDENT_FIELDS.report);
  return f ? f.values.flatMap((v) => v.split('\n')).filter((l) => l.trim()) : new Error('The server sent no report.');
}

/** An incident room's JID → its incident id (alarm-<id>@conference.<domain>), '' for any other room. */
export const incidentOfRoom = (room: string) => /^alarm-([^@]+)@/.exec(room)?.[1] ?? '';
