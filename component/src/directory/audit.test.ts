import { describe, expect, it } from 'vitest';
import { ROOM_AUDIT } from '../rooms/retire.ts';
import { describeChange } from './audit.ts';

const EDIT = 'directory-edit';

const priya = { jid: 'nurse@h', name: 'Priya', roles: ['nurse'], department: 'Emergency', extension: '', onDuty: true };

describe('audit rows in words', () => {
  it('names what an edit changed, before and after', () => {
    expect(
      describeChange({
        action: EDIT,
        before: priya,
        after: { ...priya, name: 'Priya Shah', roles: ['admin', 'nurse'] },
      }),
    ).toBe('name: Priya → Priya Shah; roles: nurse → admin, nurse');
    expect(describeChange({ action: EDIT, before: priya, after: priya })).toBe('no change');
  });
  it('says what a new entry holds', () => {
    expect(describeChange({ action: EDIT, before: null, after: { ...priya, roles: [], department: '' } })).toBe(
      'created: Priya (no roles, no department)',
    );
  });
  it('says what a deleted entry held', () => {
    expect(describeChange({ action: EDIT, before: priya, after: null })).toBe('deleted: Priya (nurse, Emergency)');
  });
  it("says a department room's retirement and reopening in words, not as a new entry", () => {
    const room = { before: null, after: { department: 'Emergency', cause: 'directory-delete' } };
    expect(describeChange({ action: ROOM_AUDIT.retired, ...room })).toBe('room retired: Emergency');
    expect(
      describeChange({
        action: ROOM_AUDIT.retired,
        before: null,
        after: { department: 'ED', mergedInto: 'Emergency' },
      }),
    ).toBe('room retired: ED, merged into Emergency');
    expect(describeChange({ action: ROOM_AUDIT.reopened, ...room })).toBe('room reopened: Emergency');
  });
});
