import type { Choice } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { matchChoice, replyHint } from './match.ts';
import { decided, tally } from './rules.ts';

const choices: Choice[] = [
  { value: 'accept', label: 'Accept', style: 'primary', accepts: true },
  { value: 'decline', label: 'Decline', style: 'neutral', accepts: false },
];
const said = (...choicesMade: string[]) => choicesMade.map((choice, i) => ({ by: `p${i}`, name: '', choice, at: '' }));

describe('rules', () => {
  it('exclusive: the first accept decides; all declining declines', () => {
    expect(decided({ kind: 'exclusive' }, tally(choices, 3, said('decline')))).toBeUndefined();
    expect(decided({ kind: 'exclusive' }, tally(choices, 3, said('decline', 'accept')))).toBe('accepted');
    expect(decided({ kind: 'exclusive' }, tally(choices, 2, said('decline', 'decline')))).toBe('declined');
  });

  it('quorum: n accepts decide; declined once n cannot be reached', () => {
    const q = { kind: 'quorum', n: 2 } as const;
    expect(decided(q, tally(choices, 3, said('accept')))).toBeUndefined();
    expect(decided(q, tally(choices, 3, said('accept', 'accept')))).toBe('accepted');
    expect(decided(q, tally(choices, 3, said('decline', 'decline')))).toBe('declined');
  });

  it('each: open until everyone answered; any decline declines', () => {
    expect(decided({ kind: 'each' }, tally(choices, 2, said('accept')))).toBeUndefined();
    expect(decided({ kind: 'each' }, tally(choices, 2, said('accept', 'accept')))).toBe('accepted');
    expect(decided({ kind: 'each' }, tally(choices, 2, said('accept', 'decline')))).toBe('declined');
  });
});

describe('text answers', () => {
  it('match the number, the value or the label in any case, ignoring spaces and a final stop', () => {
    for (const text of ['1', ' accept ', 'ACCEPT', 'Accept!', 'accept.'])
      expect(matchChoice(choices, text)?.value).toBe('accept');
    expect(matchChoice(choices, '2')?.value).toBe('decline');
  });

  it('match nothing else', () => {
    for (const text of ['3', '0', 'maybe', 'accept it', '']) expect(matchChoice(choices, text)).toBeUndefined();
  });

  it('are explained in one line', () => {
    expect(replyHint(choices)).toBe('1 (Accept) or 2 (Decline)');
  });
});
