// The per-role acknowledgement rule: counted per role, each person once, declines never count.
import { ALARM_CHOICES } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { missingLine, roleTally, tallyLine } from './roles.ts';

const roles: Record<string, string[]> = {
  anaes: ['anaesthesia'],
  n1: ['nurse'],
  n2: ['nurse'],
  both: ['anaesthesia', 'nurse'],
  doc: ['doctor'],
};
const rolesOf = (j: string) => roles[j] ?? [];
const need = [
  { role: 'anaesthesia', n: 1 },
  { role: 'nurse', n: 2 },
];
const a = (by: string, choice: string, sec: number) => ({
  by,
  name: by,
  choice,
  at: `2026-11-30T10:00:${String(sec).padStart(2, '0')}.000Z`,
});

describe('per-role acknowledgement', () => {
  it('is met only when every role has its count', () => {
    const partial = roleTally(need, ALARM_CHOICES, [a('anaes', 'acknowledge', 1), a('n1', 'on-my-way', 2)], rolesOf);
    expect(partial.met).toBe(false);
    expect(tallyLine(partial)).toBe('anaesthesia 1/1, nurse 1/2');
    expect(missingLine(partial)).toBe('1 nurse');
    const full = roleTally(
      need,
      ALARM_CHOICES,
      [a('anaes', 'acknowledge', 1), a('n1', 'on-my-way', 2), a('n2', 'acknowledge', 3)],
      rolesOf,
    );
    expect(full.met).toBe(true);
    expect(missingLine(full)).toBe('');
  });

  it('never counts a decline, nor someone without an asked-for role', () => {
    const t = roleTally(need, ALARM_CHOICES, [a('n1', 'decline', 1), a('doc', 'acknowledge', 2)], rolesOf);
    expect(t.per.map((r) => r.by)).toEqual([[], []]);
    expect(t.declined).toEqual(['n1']);
  });

  it('counts a person with two roles once, for the first role that still needs people', () => {
    const t = roleTally(
      need,
      ALARM_CHOICES,
      [a('anaes', 'acknowledge', 1), a('both', 'acknowledge', 2), a('n1', 'acknowledge', 3)],
      rolesOf,
    );
    expect(t.per.map((r) => r.by)).toEqual([['anaes'], ['both', 'n1']]);
    expect(t.met).toBe(true);
  });
});
