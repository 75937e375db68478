import { describe, expect, it } from 'vitest';
import { passwordProblem } from './invite.ts';

describe('the password a new person chooses', () => {
  it('says what to do when it is too short, holds the account name, or differs from the repeat', () => {
    expect(passwordProblem('short', 'short', 'amara.okafor')).toBe('Choose a password of at least 10 characters.');
    expect(passwordProblem('amara.okafor1', 'amara.okafor1', 'amara.okafor')).toMatch(/must not contain your account/);
    expect(passwordProblem('long-enough-1', 'long-enough-2', 'amara.okafor')).toMatch(/Type the same password twice/);
    expect(passwordProblem('long-enough-1', 'long-enough-1', 'amara.okafor')).toBe('');
  });
});
