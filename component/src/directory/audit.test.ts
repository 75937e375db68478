import { describe, expect, it } from 'vitest';
import { describeChange } from './audit.ts';

const priya = { jid: 'nurse@h', name: 'Priya', roles: ['nurse'], department: 'Emergency', extension: '', onDuty: true };

describe('audit rows in words', () => {
  it('names what an edit changed, before and after', () => {
    expect(describeChange({ before: priya, after: { ...priya, name: 'Priya Shah', roles: ['admin', 'nurse'] } })).toBe(
      'name: Priya → Priya Shah; roles: nurse → admin, nurse',
    );
    expect(describeChange({ before: priya, after: priya })).toBe('no change');
  });
  it('says what a new entry holds', () => {
    expect(describeChange({ before: null, after: { ...priya, roles: [], department: '' } })).toBe(
      'created: Priya (no roles, no department)',
    );
  });
  it('says what a deleted entry held', () => {
    expect(describeChange({ before: priya, after: null })).toBe('deleted: Priya (nurse, Emergency)');
  });
});
