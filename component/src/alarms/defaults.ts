// The presets a new hospital starts with (issue #10). Seeded at start when
// missing; admins change them with alarm-preset-edit. Colours are the usual
// hospital emergency codes where there is one (blue, red for fire).
import { PRESET_IDS, type AlarmPreset, type EscalationStep } from '@bleep/protocol';

const step = (afterS: number, roles: string[], everyoneOnDuty = false): EscalationStep => ({
  afterS,
  roles,
  people: [],
  everyoneOnDuty,
});
const ALL_DETAILS = ['location', 'bed', 'note'] as const;

export const DEFAULT_PRESETS: readonly AlarmPreset[] = [
  {
    id: PRESET_IDS.codeBlue,
    name: 'Code Blue',
    colour: '#1d4ed8',
    icon: 'heart-pulse',
    severity: 'critical',
    responders: { roles: ['anaesthesia', 'doctor', 'nurse'], people: [], rooms: [], onDutyOnly: true },
    triggerRoles: [],
    details: ALL_DETAILS,
    ack: [
      { role: 'anaesthesia', n: 1 },
      { role: 'nurse', n: 2 },
    ],
    ladder: [step(60, ['doctor']), step(120, [], true)],
    repeatS: 30,
  },
  {
    id: PRESET_IDS.rapidResponse,
    name: 'Rapid Response',
    colour: '#d97706',
    icon: 'stethoscope',
    severity: 'high',
    responders: { roles: ['doctor', 'nurse'], people: [], rooms: [], onDutyOnly: true },
    triggerRoles: [],
    details: ALL_DETAILS,
    ack: [
      { role: 'doctor', n: 1 },
      { role: 'nurse', n: 1 },
    ],
    ladder: [step(120, ['anaesthesia'])],
    repeatS: 60,
  },
  {
    id: PRESET_IDS.fire,
    name: 'Fire',
    colour: '#dc2626',
    icon: 'flame',
    severity: 'critical',
    responders: { roles: ['security', 'dispatcher'], people: [], rooms: [], onDutyOnly: true },
    triggerRoles: [],
    details: ['location', 'note'],
    ack: [{ role: 'security', n: 1 }],
    ladder: [step(60, [], true)],
    repeatS: 30,
  },
  {
    id: PRESET_IDS.strokeAlert,
    name: 'Stroke Alert',
    colour: '#7c3aed',
    icon: 'brain',
    severity: 'high',
    responders: { roles: ['neurology', 'nurse'], people: [], rooms: [], onDutyOnly: true },
    triggerRoles: [],
    details: ALL_DETAILS,
    ack: [{ role: 'neurology', n: 1 }],
    ladder: [step(120, ['doctor'])],
    repeatS: 60,
  },
  {
    id: PRESET_IDS.massCasualty,
    name: 'Mass Casualty',
    colour: '#991b1b',
    icon: 'users',
    severity: 'critical',
    responders: { roles: ['doctor', 'nurse', 'anaesthesia', 'dispatcher'], people: [], rooms: [], onDutyOnly: true },
    // Declaring a major incident is a decision for the people who run the response.
    triggerRoles: ['dispatcher', 'doctor'],
    details: ['location', 'note'],
    ack: [
      { role: 'doctor', n: 2 },
      { role: 'nurse', n: 2 },
    ],
    ladder: [step(120, [], true)],
    repeatS: 60,
  },
  {
    id: PRESET_IDS.security,
    name: 'Security',
    colour: '#0f766e',
    icon: 'shield',
    severity: 'high',
    responders: { roles: ['security'], people: [], rooms: [], onDutyOnly: true },
    triggerRoles: [],
    details: ['location', 'note'],
    ack: [{ role: 'security', n: 1 }],
    ladder: [step(60, ['dispatcher'])],
    repeatS: 60,
  },
];
