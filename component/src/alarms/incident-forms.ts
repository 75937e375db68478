// The forms of alarm-resolve, alarm-break-glass and alarm-report, declared
// once (xmpp/dataform.ts): an incident picked from the open ones (or, for a
// report, any id), and the text or format asked for.
import { FORM_ALARM_INCIDENT, FORM_ALARM_REPORT, INCIDENT_FIELDS as F, REPORT_FORMATS } from '@bleep/protocol';
import type { Incident } from '../store/types.ts';
import type { FieldDef, FormDef } from '../xmpp/dataform.ts';

const pick = (open: readonly Incident[]): FieldDef => ({
  var: F.incident,
  type: 'list-single',
  label: 'Incident',
  required: true,
  options: open.map((i) => ({ value: i.id, label: i.roomName })),
});

export const resolveForm = (open: readonly Incident[]): FormDef => ({
  formType: FORM_ALARM_INCIDENT,
  title: 'Resolve an incident',
  fields: [pick(open), { var: F.outcome, type: 'text-single', label: 'Outcome', required: true, maxLength: 300 }],
});

export const breakGlassForm = (open: readonly Incident[]): FormDef => ({
  formType: FORM_ALARM_INCIDENT,
  title: 'Break the glass: join an incident room',
  instructions: 'Your reason is kept in the audit log and posted in the room.',
  fields: [pick(open), { var: F.reason, type: 'text-single', label: 'Reason', required: true, maxLength: 300 }],
});

export const REPORT_FORM: FormDef = {
  formType: FORM_ALARM_REPORT,
  title: 'Incident report',
  fields: [
    { var: F.incident, type: 'text-single', label: 'Incident id', required: true, maxLength: 20 },
    {
      var: F.format,
      type: 'list-single',
      label: 'Format',
      required: true,
      options: REPORT_FORMATS.map((f) => ({ value: f, label: f === 'text' ? 'printable' : f.toUpperCase() })),
    },
  ],
};

export const REPORT_RESULT: FormDef = {
  formType: FORM_ALARM_REPORT,
  title: 'Incident report',
  fields: [
    { var: F.incident, type: 'text-single', label: 'Incident' },
    { var: F.format, type: 'text-single', label: 'Format' },
    { var: F.report, type: 'text-multi', label: 'Report', maxLength: 100_000 },
  ],
};
