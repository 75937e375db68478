// Who the ladder has moved past: those alerted before the latest rung that reached anyone.
import { expect, it } from 'vitest';
import type { IncidentEvent } from '../store/types.ts';
import { escalatedPast, rungMark } from './current.ts';

const alerted = (who: string, step: number): IncidentEvent => ({
  at: '',
  event: 'alerted',
  who,
  detail: rungMark(step),
});
const trigger = [alerted('nurse', 0), alerted('anaes', 0)];

it('keeps the first rung current until a later step alerts someone', () => {
  expect(escalatedPast(trigger, 'nurse')).toBe(false);
  const stepped = [
    ...trigger,
    { at: '', event: 'escalated', who: '', detail: 'step 1: nobody more to alert' } as const,
  ];
  expect(escalatedPast(stepped, 'nurse')).toBe(false);
  const reached = [...stepped, alerted('doctor', 1)];
  expect(escalatedPast(reached, 'nurse')).toBe(true);
  expect(escalatedPast(reached, 'anaes')).toBe(true);
  expect(escalatedPast(reached, 'doctor')).toBe(false);
});

it('moves past each rung in turn, and never past someone not yet marked as alerted', () => {
  const two = [...trigger, alerted('doctor', 1), alerted('consultant', 2)];
  expect(escalatedPast(two, 'doctor')).toBe(true);
  expect(escalatedPast(two, 'consultant')).toBe(false);
  // Being alerted right now: the alarm went out, its 'alerted' event is not written yet.
  expect(escalatedPast(two, 'registrar')).toBe(false);
});
