// The four templates every hospital starts with (issue #8). They are added at
// start where their id is free (store addTemplates), so an admin's later
// edit of one stays. Their fields are XEP-0004 fields: step 2 of the request
// command renders and validates them (forms.ts).
import { TEMPLATE_IDS, type Choice } from '@bleep/protocol';
import type { RequestTemplate } from '../store/types.ts';

const MIN = 60_000;
const choice = (value: string, label: string, accepts: boolean): Choice => ({
  value,
  label,
  style: accepts ? 'primary' : 'neutral',
  accepts,
});
const note = { var: 'note', type: 'text-single', label: 'Note' } as const;

export const DEFAULT_TEMPLATES: readonly RequestTemplate[] = [
  {
    id: TEMPLATE_IDS.acceptPatient,
    title: 'Accept Patient',
    choices: [choice('accept', 'Accept', true), choice('decline', 'Decline', false)],
    rule: { kind: 'exclusive' },
    expiresAfterMs: 15 * MIN,
    // Nobody took the patient in 10 minutes: ask the doctors on duty too.
    escalation: { afterMs: 10 * MIN, people: [], roles: ['doctor'] },
    fields: [
      { var: 'patient', type: 'text-single', label: 'Patient', required: true },
      { var: 'bed', type: 'text-single', label: 'Bed' },
      note,
    ],
  },
  {
    id: TEMPLATE_IDS.confirmAppointment,
    title: 'Confirm Appointment',
    choices: [choice('confirm', 'Confirm', true), choice('decline', 'Decline', false)],
    rule: { kind: 'each' },
    expiresAfterMs: 24 * 60 * MIN,
    fields: [
      { var: 'when', type: 'text-single', label: 'When', required: true },
      { var: 'where', type: 'text-single', label: 'Where' },
      note,
    ],
  },
  {
    id: TEMPLATE_IDS.joinTeam,
    title: 'Join the Team',
    choices: [choice('join', 'Join', true), choice('decline', 'Decline', false)],
    rule: { kind: 'each' },
    expiresAfterMs: 60 * MIN,
    fields: [{ var: 'room', type: 'jid-single', label: 'Team room', required: true }, note],
    onAccept: 'join-room',
  },
  {
    id: TEMPLATE_IDS.requestAssistance,
    title: 'Request assistance',
    choices: [choice('on-my-way', 'On my way', true), choice('cant', "Can't", false)],
    rule: { kind: 'quorum', n: 2 },
    expiresAfterMs: 15 * MIN,
    escalation: { afterMs: 3 * MIN, people: [], roles: ['dispatcher'] },
    fields: [{ var: 'where', type: 'text-single', label: 'Where', required: true }, note],
  },
];
