// What a preset may hold: the seeded ones pass; a bad one is refused with every reason.
import { describe, expect, it } from 'vitest';
import { DEFAULT_PRESETS } from './defaults.ts';
import { presetFromValues, presetValues } from './preset-form.ts';
import { presetProblems } from './validate.ts';

const ctx = { domain: 'h.example', mucHost: 'conference.h.example' };
const blue = DEFAULT_PRESETS.find((p) => p.id === 'code-blue')!;

describe('alarm presets', () => {
  it('seeds the six presets of the issue, each valid', () => {
    expect(DEFAULT_PRESETS.map((p) => p.name)).toEqual([
      'Code Blue',
      'Rapid Response',
      'Fire',
      'Stroke Alert',
      'Mass Casualty',
      'Security',
    ]);
    for (const p of DEFAULT_PRESETS) expect(presetProblems(p, ctx)).toEqual([]);
  });

  it('reads back from its own form unchanged', () => {
    for (const p of DEFAULT_PRESETS) expect(presetFromValues(presetValues(p))).toEqual({ preset: p, problems: [] });
  });

  it('refuses a preset whose acknowledgement rule can never be met, saying why', () => {
    const p = { ...blue, ack: [{ role: 'surgeon', n: 1 }], ladder: [] };
    expect(presetProblems(p, ctx)).toEqual([
      'Acknowledgement: "surgeon" is neither a responder role nor on the escalation ladder, so it could never be met',
    ]);
  });

  it('lists every problem of a bad preset at once', () => {
    const bad = presetFromValues({
      ...presetValues(blue),
      id: 'Code Blue!',
      colour: 'blue',
      'responder-roles': ['nurse'],
      'responder-people': ['x@other.example'],
      'responder-rooms': ['ward3@conference.other.example'],
      ack: ['nurse two', 'nurse'],
      ladder: ['120 role:doctor', '60 somebody'],
      repeat: '5',
    });
    expect([...bad.problems, ...presetProblems(bad.preset, ctx)]).toEqual([
      'Acknowledgement: "nurse" is not "<role> <count>"',
      'Escalation step 2: "somebody" is not role:<role>, person:<address> or on-duty',
      'Id: 2 to 40 lower-case letters, digits and -, starting with a letter',
      'Colour: "blue" is not a colour like #1d4ed8',
      'Responder people: "x@other.example" is not an account of this hospital: only name@h.example (not another server, not a subdomain)',
      'Responder rooms: "ward3@conference.other.example" is not a room like name@conference.h.example',
      'Acknowledgement: the count for "nurse" must be a whole number from 1 to 50',
      'Acknowledgement: "nurse" is named twice; give one count per role',
      'Acknowledgement: the count for "nurse" must be a whole number from 1 to 50',
      'Escalation step 2: must come later than the step before (120 s)',
      'Escalation step 2: name whom it alerts (role:<role>, person:<address> or on-duty)',
      'Repeat: a whole number of seconds from 10 to 3600',
    ]);
  });
});
