// The incident room's head in words, from the component's state: the tally per
// role with what is missing, who counted, the elapsed time, and the read-only line.
import type { IncidentState } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import type { Line } from '../messages/index.ts';
import { elapsedText, latestState, readOnlyText, tallyText, whoText } from './incident-view.ts';

const state = (over: Partial<IncidentState> = {}): IncidentState => ({
  incident: 'k3',
  status: 'open',
  at: '2026-11-30T10:42:00.000Z',
  outcome: '',
  roles: [
    { role: 'anaesthesia', n: 1, by: [] },
    { role: 'nurse', n: 2, by: ['nurse2@h'] },
  ],
  declined: [],
  ...over,
});
const line = (content: Line['content'], at: string) => ({ content, at }) as Line;

describe('an incident room’s head', () => {
  it('says the tally per role and what is missing, then that the rule is met', () => {
    expect(tallyText(state())).toBe('anaesthesia 0/1, nurse 1/2 — missing: 1 anaesthesia, 1 nurse');
    const met = state({
      roles: [
        { role: 'anaesthesia', n: 1, by: ['a@h'] },
        { role: 'nurse', n: 2, by: ['n1@h', 'n2@h'] },
      ],
    });
    expect(tallyText(met)).toBe('anaesthesia 1/1, nurse 2/2 — rule met');
    expect(whoText(met, (j) => j.toUpperCase())).toBe('anaesthesia: A@H · nurse: N1@H, N2@H');
  });

  it('counts the time since the trigger', () => {
    const at = Date.parse('2026-11-30T10:42:00.000Z');
    expect(elapsedText('2026-11-30T10:42:00.000Z', at + 7_400)).toBe('0:07');
    expect(elapsedText('2026-11-30T10:42:00.000Z', at + 247_000)).toBe('4:07');
    expect(elapsedText('2026-11-30T10:42:00.000Z', at + 3_727_000)).toBe('1:02:07');
  });

  it('takes the newest state in the room, and is read only once resolved', () => {
    const text = { kind: 'text', body: 'hello' } as const;
    const older = { kind: 'incident-state', body: '', state: state() } as const;
    const newer = { kind: 'incident-state', body: '', state: state({ status: 'resolved', outcome: 'ROSC' }) } as const;
    expect(latestState([line(text, '1')])).toBeUndefined();
    expect(latestState([line(older, '1'), line(newer, '2'), line(text, '3')])).toBe(newer.state);
    expect(readOnlyText(newer.state)).toBe('This incident was resolved (ROSC) — read only');
    expect(readOnlyText(older.state)).toBe('');
    expect(readOnlyText(undefined)).toBe('');
  });
});
