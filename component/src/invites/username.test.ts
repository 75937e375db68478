import { describe, expect, it } from 'vitest';
import { accountName } from './username.ts';

describe('the account an invite creates', () => {
  it('is the name in plain lower-case letters, dotted, without a title', () => {
    expect(accountName('Dr Amara Okafor', new Set())).toBe('amara.okafor');
    expect(accountName('Zoë Müller-Lüdenscheidt', new Set())).toBe('zoe.muller.ludenscheidt');
  });
  it('gets a number when the name is taken, and a placeholder when nothing is left', () => {
    expect(accountName('Amara Okafor', new Set(['amara.okafor', 'amara.okafor2']))).toBe('amara.okafor3');
    expect(accountName('李华', new Set())).toBe('staff');
  });
});
