// Which muc#admin changes keep a department room's members equal to its staff.
import { describe, expect, it } from 'vitest';
import type { Affiliation } from '../xmpp/muc.ts';
import { membershipPlan, nobodyElse } from './membership.ts';

const room = (entries: Record<string, Affiliation>) => new Map(Object.entries(entries));

describe('membershipPlan', () => {
  it('adds staff without an affiliation and takes membership from those it placed who left', () => {
    expect(membershipPlan(room({ 'a@h': 'member', 'b@h': 'member' }), ['a@h', 'c@h'], ['a@h', 'b@h'])).toEqual({
      add: ['c@h'],
      remove: ['b@h'],
      placed: ['a@h', 'c@h'],
    });
  });

  it('keeps a member someone added by hand, and does not claim them', () => {
    expect(membershipPlan(room({ 'a@h': 'member', 'guest@h': 'member' }), ['a@h'], ['a@h'])).toEqual({
      add: [],
      remove: [],
      placed: ['a@h'],
    });
  });

  it("never demotes owners and admins, whether they are the department's staff or not", () => {
    const current = room({ 'boss@h': 'owner', 'lead@h': 'admin', 'old-lead@h': 'admin' });
    expect(membershipPlan(current, ['boss@h', 'lead@h'], ['old-lead@h'])).toEqual({ add: [], remove: [], placed: [] });
  });

  it('leaves a banned person out even if the directory puts them in the department', () => {
    expect(membershipPlan(room({ 'banned@h': 'outcast' }), ['banned@h'], [])).toEqual({
      add: [],
      remove: [],
      placed: [],
    });
  });

  it('treats server admins as owners: Prosody refuses to change their affiliation', () => {
    const admins = new Set(['root@h']);
    expect(membershipPlan(room({}), ['root@h', 'a@h'], [], admins)).toEqual({
      add: ['a@h'],
      remove: [],
      placed: ['a@h'],
    });
    expect(membershipPlan(room({ 'root@h': 'member' }), [], ['root@h'], admins)).toEqual({
      add: [],
      remove: [],
      placed: [],
    });
  });
});

describe('nobodyElse', () => {
  it('lets a room retire only when the component, server admins, outcasts and members it placed are all there is', () => {
    const admins = new Set(['root@h']);
    expect(nobodyElse(room({ ops: 'owner', 'root@h': 'owner', 'x@h': 'outcast' }), 'ops', admins)).toBe(true);
    expect(nobodyElse(room({ ops: 'owner', 'last@h': 'member' }), 'ops', admins, ['last@h'])).toBe(true);
    expect(nobodyElse(room({ ops: 'owner', 'guest@h': 'member' }), 'ops', admins, ['last@h'])).toBe(false);
    expect(nobodyElse(room({ ops: 'owner', 'lead@h': 'admin' }), 'ops', admins, ['lead@h'])).toBe(false);
  });
});
