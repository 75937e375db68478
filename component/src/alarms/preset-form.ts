// The preset edit form and the presets table, declared once (xmpp/dataform.ts):
// the same declaration renders, validates what comes back, and lists. Lists
// go one value per line; the ack and ladder lines are read here into typed
// values (protocol PRESET_FIELDS says their format), then validate.ts judges.
import {
  ALARM_DETAILS,
  ALARM_ICONS,
  ALARM_SEVERITIES,
  FORM_ALARM_PRESET,
  FORM_ALARM_PRESETS,
  PRESET_FIELDS as F,
  type AlarmDetail,
  type AlarmIcon,
  type AlarmPreset,
  type AlarmSeverity,
  type EscalationStep,
} from '@bleep/protocol';
import type { FieldDef, FormDef, FormValues } from '../xmpp/dataform.ts';
import { quote } from '../xmpp/errors.ts';
import { listOf as list, optionsOf as options, wholeNumber as whole } from '../xmpp/form-values.ts';

export const PRESET_ID_FORM: FormDef = {
  formType: FORM_ALARM_PRESET,
  title: 'Edit an alarm preset',
  instructions: 'The id of the preset to change (code-blue, fire …), or a new id to add one.',
  fields: [{ var: F.id, type: 'text-single', label: 'Preset id', required: true, maxLength: 40 }],
};

const FIELDS: readonly FieldDef[] = [
  { var: F.id, type: 'text-single', label: 'Preset id', required: true, maxLength: 40 },
  { var: F.name, type: 'text-single', label: 'Name', required: true, maxLength: 60 },
  { var: F.colour, type: 'text-single', label: 'Colour (#rrggbb)', required: true, maxLength: 7 },
  { var: F.icon, type: 'list-single', label: 'Icon', required: true, options: options(ALARM_ICONS) },
  { var: F.severity, type: 'list-single', label: 'Severity', required: true, options: options(ALARM_SEVERITIES) },
  { var: F.roles, type: 'text-multi', label: 'Responder roles (one per line)', maxLength: 40 },
  // A large incident may call hundreds by name (dataform.ts bounds multi fields at 50 unless told).
  {
    var: F.people,
    type: 'text-multi',
    label: 'Responder people (addresses, one per line)',
    maxLength: 300,
    maxValues: 500,
  },
  {
    var: F.rooms,
    type: 'text-multi',
    label: 'Responder rooms (addresses, one per line)',
    maxLength: 300,
    maxValues: 500,
  },
  { var: F.onDutyOnly, type: 'boolean', label: 'Only people on duty' },
  { var: F.triggerRoles, type: 'text-multi', label: 'Who may trigger (roles; empty: everyone)', maxLength: 40 },
  { var: F.details, type: 'list-multi', label: 'Details asked', options: options(ALARM_DETAILS) },
  { var: F.ack, type: 'text-multi', label: 'Acknowledgements needed ("<role> <count>" per line)', maxLength: 60 },
  {
    var: F.ladder,
    type: 'text-multi',
    label: 'Escalation ("<seconds> role:<role> person:<address> on-duty" per line)',
    maxLength: 600,
  },
  { var: F.repeat, type: 'text-single', label: 'Repeat unanswered alerts every (seconds)', required: true },
];

export const PRESET_FORM: FormDef = { formType: FORM_ALARM_PRESET, title: 'Edit an alarm preset', fields: FIELDS };
export const PRESETS_TABLE: FormDef = { formType: FORM_ALARM_PRESETS, title: 'Alarm presets', fields: FIELDS };

const ladderLine = (s: EscalationStep) =>
  [
    String(s.afterS),
    ...s.roles.map((r) => `role:${r}`),
    ...s.people.map((p) => `person:${p}`),
    ...(s.everyoneOnDuty ? ['on-duty'] : []),
  ].join(' ');

export function presetValues(p: AlarmPreset): FormValues {
  return {
    [F.id]: p.id,
    [F.name]: p.name,
    [F.colour]: p.colour,
    [F.icon]: p.icon,
    [F.severity]: p.severity,
    [F.roles]: [...p.responders.roles],
    [F.people]: [...p.responders.people],
    [F.rooms]: [...p.responders.rooms],
    [F.onDutyOnly]: p.responders.onDutyOnly,
    [F.triggerRoles]: [...p.triggerRoles],
    [F.details]: [...p.details],
    [F.ack]: p.ack.map((a) => `${a.role} ${a.n}`),
    [F.ladder]: p.ladder.map(ladderLine),
    [F.repeat]: String(p.repeatS),
  };
}

const lower = (xs: string[]) => xs.map((x) => x.toLowerCase());

function parseLadder(lines: string[], problems: string[]): EscalationStep[] {
  return lines.map((line, i) => {
    const [after, ...targets] = line.split(/\s+/);
    const step = { afterS: whole(after), roles: [] as string[], people: [] as string[], everyoneOnDuty: false };
    for (const t of targets) {
      if (t === 'on-duty') step.everyoneOnDuty = true;
      else if (t.startsWith('role:')) step.roles.push(t.slice(5).toLowerCase());
      else if (t.startsWith('person:')) step.people.push(t.slice(7).toLowerCase());
      else problems.push(`Escalation step ${i + 1}: ${quote(t)} is not role:<role>, person:<address> or on-duty`);
    }
    return step;
  });
}

/** Reads the submitted form into a preset; `problems` says which lines could not be read at all. */
export function presetFromValues(v: FormValues): { preset: AlarmPreset; problems: string[] } {
  const problems: string[] = [];
  const ack = list(v[F.ack]).map((line) => {
    const m = /^(\S+)\s+(\S+)$/.exec(line);
    if (!m) problems.push(`Acknowledgement: ${quote(line)} is not "<role> <count>"`);
    return { role: (m?.[1] ?? line).toLowerCase(), n: whole(m?.[2]) };
  });
  const preset: AlarmPreset = {
    id: String(v[F.id] ?? '').toLowerCase(),
    name: String(v[F.name] ?? '').trim(),
    colour: String(v[F.colour] ?? '').toLowerCase(),
    icon: String(v[F.icon] ?? '') as AlarmIcon,
    severity: String(v[F.severity] ?? '') as AlarmSeverity,
    responders: {
      roles: lower(list(v[F.roles])),
      people: lower(list(v[F.people])),
      rooms: lower(list(v[F.rooms])),
      onDutyOnly: v[F.onDutyOnly] === true,
    },
    triggerRoles: lower(list(v[F.triggerRoles])),
    details: list(v[F.details]) as AlarmDetail[],
    ack,
    ladder: parseLadder(list(v[F.ladder]), problems),
    repeatS: whole(String(v[F.repeat] ?? '')),
  };
  return { preset, problems };
}
