import { describe, expect, it } from 'vitest';
import { accountProblem, entryProblems } from './validate.ts';

const d = 'h.example';

describe('directory entries', () => {
  it('takes bare JIDs of the domain, in any script', () => {
    for (const jid of ['nurse@h.example', 'Zoë.Müller@h.example', 'δοκιμή@h.example', 'o_brien-2@H.Example'])
      expect(accountProblem(jid, d), jid).toBeUndefined();
  });

  it('refuses what Prosody refuses, other servers and subdomains, each with its reason', () => {
    expect(accountProblem(`f"z<&'@${d}`, d)).toMatch(/may not contain "/);
    expect(accountProblem(`fz\u202e@${d}`, d)).toMatch(/direction control \(U\+202E\)/);
    expect(accountProblem('fz@evil.example', d)).toMatch(/not an account of this hospital/);
    expect(accountProblem(`fz@ops.${d}`, d)).toMatch(/not an account of this hospital/);
    expect(accountProblem(`two words@${d}`, d)).toMatch(/no spaces/);
    expect(accountProblem(`ｆｚ@${d}`, d)).toMatch(/compatibility characters/);
    expect(accountProblem(`${'a'.repeat(1024)}@${d}`, d)).toMatch(/1023 bytes/);
    expect(accountProblem(`fz@${d}/phone`, d)).toMatch(/not an address/);
    expect(accountProblem(`@${d}`, d)).toMatch(/empty/);
  });

  it('names each field with a problem, shown text and roles included', () => {
    expect(
      entryProblems({ jid: `x@${d}`, name: 'A\u2066B', roles: ['alarms', 'Bad'], department: 'ICU\u0007' }, d),
    ).toEqual([
      'Name: contains a direction control (U+2066), which can make it read otherwise than written',
      'Department: contains a control character (U+0007)',
      'Roles: "alarms" is kept for a Bleep service address; choose another name',
      'Roles: "Bad" must be lower-case letters, digits and -, starting with a letter',
    ]);
  });
});
