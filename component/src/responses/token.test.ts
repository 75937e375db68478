import { describe, expect, it } from 'vitest';
import { BleepError } from '../xmpp/errors.ts';
import { AnswerTokens } from './token.ts';

const tokens = new AnswerTokens('a component secret of some length');
const grant = { request: 'abcd2345', by: 'nurse@h.example', expires: Date.parse('2026-01-01T10:00:00Z') };
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err instanceof BleepError ? `${err.key}: ${err.message}` : String(err);
  }
  return 'accepted';
};

describe('answer tokens', () => {
  it('names the request and the person it was issued for, until it expires', () => {
    const t = tokens.issue(grant);
    expect(tokens.read(t, grant.expires - 1)).toEqual(grant);
    expect(refusal(() => tokens.read(t, grant.expires + 1))).toMatch(/^bad-token: .*too old/);
  });

  it('refuses one issued under another secret, or changed in any part', () => {
    const t = tokens.issue(grant);
    const other = new AnswerTokens('another component secret entirely').issue(grant);
    expect(refusal(() => tokens.read(other, 0))).toMatch(/^bad-token/);
    const [, mac] = t.split('.');
    const someoneElse = Buffer.from(JSON.stringify([grant.request, 'doctor@h.example', 9e9])).toString('base64url');
    expect(refusal(() => tokens.read(`${someoneElse}.${mac}`, 0))).toMatch(/^bad-token/);
    for (const bad of ['', 'x', `${t}.x`, t.slice(0, -2)])
      expect(refusal(() => tokens.read(bad, 0))).toMatch(/^bad-token/);
  });
});
