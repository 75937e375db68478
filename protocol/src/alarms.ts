// Preset alarms (issue #10): presets, the `alarm` command, incidents. Typed
// values only; protocol/README.md, "Preset alarms", describes the stanzas.
// Acknowledge / On my way / Decline are quick responses (issue #8): the
// choices and the answer path are the requests' own.

/** XEP-0050 command nodes of the alarms service on ops.<domain> (listed after the directory's and the location service's). */
export const ALARM_COMMANDS = {
  /** Every staff member: the presets, with everything they set. */
  alarmPresets: 'alarm-presets',
  /** Admins: add or change a preset (validated, audited). */
  alarmPresetEdit: 'alarm-preset-edit',
  /** Trigger an alarm (any client; the PWA's alarm button runs the same command). */
  alarm: 'alarm',
  /** Close an incident with its outcome: who triggered it, dispatchers, admins. */
  alarmResolve: 'alarm-resolve',
  /** Dispatchers and admins: enter an incident room one is not a responder of, with a stated reason. */
  alarmBreakGlass: 'alarm-break-glass',
  /** An incident's timeline as CSV, JSON or a printable text, for quality review. */
  alarmReport: 'alarm-report',
  /** Dispatchers and admins: the open incidents with where they are (the dispatcher's map). */
  alarmIncidents: 'alarm-incidents',
} as const;

/** How urgent a preset is: the PWA orders and colours by it. */
export const ALARM_SEVERITIES = ['critical', 'high', 'medium'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/** The icons a preset may show; the PWA has a glyph for each. */
export const ALARM_ICONS = ['heart-pulse', 'stethoscope', 'flame', 'brain', 'users', 'shield', 'bell'] as const;
export type AlarmIcon = (typeof ALARM_ICONS)[number];

/** The details a trigger may give; location is filled in from the trigger's shared location when there is one. */
export const ALARM_DETAILS = ['location', 'bed', 'note'] as const;
export type AlarmDetail = (typeof ALARM_DETAILS)[number];

/** Who an alarm reaches: holders of roles (on duty only, when `onDutyOnly`), named people, members of rooms. */
export interface AlarmResponders {
  readonly roles: readonly string[];
  /** Bare JIDs of the domain. */
  readonly people: readonly string[];
  /** Room JIDs on conference.<domain>: their members. */
  readonly rooms: readonly string[];
  readonly onDutyOnly: boolean;
}

/** Per-role acknowledgement rule: `n` acknowledgements from holders of `role` (e.g. 1 anaesthesia, 2 nurse). */
export interface AckRequirement {
  readonly role: string;
  readonly n: number;
}

/** One step of the escalation ladder: `afterS` seconds after the trigger, while acknowledgements are missing. */
export interface EscalationStep {
  readonly afterS: number;
  readonly roles: readonly string[];
  readonly people: readonly string[];
  /** Everyone on duty, whatever their role. */
  readonly everyoneOnDuty: boolean;
}

export interface AlarmPreset {
  /** Stable id, lower-case letters, digits and -: code-blue. */
  readonly id: string;
  readonly name: string;
  /** #rrggbb: the full-screen alarm's colour. */
  readonly colour: string;
  readonly icon: AlarmIcon;
  readonly severity: AlarmSeverity;
  readonly responders: AlarmResponders;
  /** Roles that may trigger it; empty means every staff member. */
  readonly triggerRoles: readonly string[];
  /** The details the trigger is asked for. */
  readonly details: readonly AlarmDetail[];
  /** All of these must be met for the alarm to count as acknowledged. */
  readonly ack: readonly AckRequirement[];
  /** In order of `afterS`, each later than the one before. */
  readonly ladder: readonly EscalationStep[];
  /** Seconds between repeats of the alert to a responder who has not answered. */
  readonly repeatS: number;
}

/** The seeded presets' ids (a hospital may add more; these stay). */
export const PRESET_IDS = {
  codeBlue: 'code-blue',
  rapidResponse: 'rapid-response',
  fire: 'fire',
  strokeAlert: 'stroke-alert',
  massCasualty: 'mass-casualty',
  security: 'security',
} as const;

/**
 * Field vars of the preset edit form (FORM_ALARM_PRESET) and the presets
 * table (FORM_ALARM_PRESETS). Multi-valued fields take one value per line:
 * ack `<role> <n>` ("anaesthesia 1"); ladder `<seconds> <target> …` with
 * targets `role:<role>`, `person:<jid>` or `on-duty` ("60 role:anaesthesia",
 * "120 on-duty").
 */
export const PRESET_FIELDS = {
  id: 'id',
  name: 'name',
  colour: 'colour',
  icon: 'icon',
  severity: 'severity',
  roles: 'responder-roles',
  people: 'responder-people',
  rooms: 'responder-rooms',
  onDutyOnly: 'on-duty-only',
  triggerRoles: 'trigger-roles',
  details: 'details',
  ack: 'ack',
  ladder: 'ladder',
  repeat: 'repeat',
} as const;

/** Field vars of the `alarm` command's form (FORM_ALARM); one step, then the result (FORM_ALARM_RAISED). */
export const ALARM_FIELDS = {
  preset: 'preset',
  location: 'location',
  bed: 'bed',
  note: 'note',
  /**
   * Hidden, optional: the client's own id for this trigger (1-64 of A-Z a-z 0-9 - _). The same caller sending
   * the same id again (a retry after a lost answer or a reconnect) gets the incident it made, never a second one.
   */
  clientId: 'client-id',
} as const;

/** Field vars of the `alarm` result: the incident, its room, and whether the trigger joined an open incident. */
export const ALARM_RAISED_FIELDS = {
  incident: 'incident',
  room: 'room',
  merged: 'merged',
  /** True when this was a retry of a trigger (same client-id) that had already raised the incident. */
  repeated: 'repeated',
  /** How many people the alarm reached (0 while the ladder looks for more). */
  alerted: 'alerted',
  /** The acknowledgement request's address: req-<id>@ops.<domain>. */
  request: 'request',
} as const;

/**
 * The alarm as each responder gets it, in the incident room's mediated
 * invitation from the component (to the bare JID, so it is archived and
 * reaches offline devices; README "Preset alarms"): <alarm/> in NS_ALARM
 * beside a plain-text body. Only what the stanza does not already say
 * (issue #10, alarm-fanout: every byte is copied, serialised and encrypted
 * once per responder): the room is the stanza's `from`; the colour, icon and
 * severity are the preset's (`alarm-presets`, which the PWA keeps on the
 * device), and the PWA shows it full screen in that colour. Older alarms in
 * archives also carry `room`, `colour`, `icon` and `severity`, and the
 * request's whole address in `request`; readers take both forms.
 */
export interface AlarmPayload {
  readonly incident: string;
  readonly preset: string;
  /** The preset's name when it was triggered. */
  readonly name: string;
  /** The acknowledgement request's id: Acknowledge / On my way / Decline go to req-<id>@ops.<domain>. */
  readonly request: string;
  /** As given; none given but GPS shared: "South wing (from GPS, ±12 m)" or "GPS position shared (±30 m)". */
  readonly location: string;
  readonly bed: string;
  readonly note: string;
  /** Bare JID and name of who triggered it. */
  readonly trigger: string;
  readonly triggerName: string;
  /** ISO 8601, whole seconds. */
  readonly at: string;
}

/** The choices of an alarm's acknowledgement request: two that count (acknowledge, on my way) and one that does not. */
export const ALARM_CHOICES = [
  { value: 'acknowledge', label: 'Acknowledge', style: 'primary', accepts: true },
  { value: 'on-my-way', label: 'On my way', style: 'primary', accepts: true },
  { value: 'decline', label: 'Decline', style: 'danger', accepts: false },
] as const;

/** Field vars of alarm-resolve, alarm-break-glass and alarm-report (FORM_ALARM_INCIDENT, FORM_ALARM_REPORT). */
export const INCIDENT_FIELDS = {
  incident: 'incident',
  outcome: 'outcome',
  reason: 'reason',
  /** csv, json or text (printable). */
  format: 'format',
  /** The report: one value per line (CSV: header first; JSON: one value). */
  report: 'report',
} as const;
/**
 * Field vars of the alarm-incidents table (FORM_ALARM_INCIDENTS): one row per open incident, newest first.
 * Where it is: lat/lon (GPS, degrees) or building/floor/place (site model ids), each '' when unknown; location
 * is the text the trigger gave, or with none the building their GPS lies in (AlarmPayload location).
 */
export const OPEN_INCIDENT_FIELDS = {
  incident: 'incident',
  name: 'name',
  colour: 'colour',
  room: 'room',
  location: 'location',
  lat: 'lat',
  lon: 'lon',
  building: 'building',
  floor: 'floor',
  place: 'place',
  created: 'created',
} as const;
/**
 * What happened to an incident, in the headline the component pushes to dispatchers and admins
 * (NS_ALARM_INCIDENTS_CHANGE): the incident's alarm-incidents row comes with it, none when resolved or failed
 * (its room could not be made, so its alarm did not go out: it is no longer open).
 */
export const INCIDENT_CHANGES = [
  'opened',
  'acknowledged',
  'declined',
  'escalated',
  'merged',
  'resolved',
  'failed',
] as const;
export type IncidentChange = (typeof INCIDENT_CHANGES)[number];
export const REPORT_FORMATS = ['csv', 'json', 'text'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** CSV columns of an incident report (RFC 4180); delay is seconds since the trigger. */
export const REPORT_CSV_COLUMNS = ['incident', 'at', 'delay_s', 'event', 'who', 'name', 'detail'] as const;

/**
 * An incident's live state against its preset's per-role rule: `<incident/>` in NS_ALARM on every post of the
 * component in the incident room (the trigger, each answer, the rule met, each escalation step, the resolve),
 * beside the body a plain client shows. The room's newest one is the state (fixtures/incident-state.xml).
 */
export interface IncidentState {
  readonly incident: string;
  readonly status: 'open' | 'resolved';
  /** ISO 8601: when it was triggered (the elapsed time counts from it). */
  readonly at: string;
  /** The outcome it was resolved with; '' while open. */
  readonly outcome: string;
  /** Per role of the rule, in its order: how many it needs and who counted for it (bare JIDs, answer order). */
  readonly roles: readonly IncidentRoleTally[];
  /** Bare JIDs of those who declined, in answer order. */
  readonly declined: readonly string[];
}

export interface IncidentRoleTally {
  readonly role: string;
  readonly n: number;
  readonly by: readonly string[];
}
