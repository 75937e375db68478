// The `alarm` command's form and result, declared once (xmpp/dataform.ts):
// any client renders it, the PWA's alarm button fills it (preset, and the
// location it knows) and submits it in one go.
import {
  ALARM_FIELDS as F,
  ALARM_RAISED_FIELDS as R,
  FORM_ALARM,
  FORM_ALARM_RAISED,
  type AlarmPreset,
} from '@bleep/protocol';
import type { FormDef } from '../xmpp/dataform.ts';

export function alarmForm(presets: readonly AlarmPreset[]): FormDef {
  return {
    formType: FORM_ALARM,
    title: 'Trigger an alarm',
    instructions: 'Pick the alarm and say where. Bed and note are optional.',
    fields: [
      {
        var: F.preset,
        type: 'list-single',
        label: 'Alarm',
        required: true,
        options: presets.map((p) => ({ value: p.id, label: p.name })),
      },
      { var: F.location, type: 'text-single', label: 'Location (ward, room)', maxLength: 100 },
      { var: F.bed, type: 'text-single', label: 'Bed', maxLength: 20 },
      { var: F.note, type: 'text-single', label: 'Note', maxLength: 300 },
      // Optional: a client that retries (the PWA, after a reconnect) names its trigger, so it is raised once.
      { var: F.clientId, type: 'hidden', label: 'Trigger id', maxLength: 64 },
    ],
  };
}

export const RAISED_FORM: FormDef = {
  formType: FORM_ALARM_RAISED,
  title: 'Alarm raised',
  fields: [
    { var: R.incident, type: 'text-single', label: 'Incident' },
    { var: R.room, type: 'jid-single', label: 'Incident room' },
    { var: R.merged, type: 'boolean', label: 'Joined an open incident' },
    { var: R.repeated, type: 'boolean', label: 'Already raised by this trigger' },
    { var: R.alerted, type: 'text-single', label: 'People alerted' },
    { var: R.request, type: 'jid-single', label: 'Acknowledgements' },
  ],
};
