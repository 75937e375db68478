// The dispatcher's side list: who shows for a filter of role, department and
// duty, with those sharing a location first (the map draws the same rows).
import type { DirectoryListing, LocationItem } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { mapPeople, valuesOf, type MapFilter } from './people.ts';

const person = (jid: string, roles: string[], department: string, onDuty: boolean): DirectoryListing =>
  ({ jid, name: jid.split('@')[0]!, roles, department, extension: '', onDuty, online: true }) as DirectoryListing;
const staff = [
  person('ana@h', ['doctor'], 'ICU', true),
  person('ben@h', ['nurse'], 'ICU', true),
  person('cai@h', ['doctor'], 'ED', false),
  person('dee@h', ['doctor', 'dispatcher'], 'ED', true),
];
const at = (jid: string): [string, LocationItem] => [
  jid,
  { jid, stale: false, location: { lat: 52, lon: 4.36, timestamp: '2026-11-30T10:00:00Z' } },
];
const items = new Map([at('dee@h')]);
const shown = (f: Partial<MapFilter>) =>
  mapPeople(staff, items, { role: '', department: '', duty: 'on', ...f }).map((p) => p.entry.jid);

describe('map side list', () => {
  it('shows those on duty by default, sharing first', () => {
    expect(shown({})).toEqual(['dee@h', 'ana@h', 'ben@h']);
  });

  it('filters by duty', () => {
    expect(shown({ duty: 'off' })).toEqual(['cai@h']);
    expect(shown({ duty: 'all' })).toEqual(['dee@h', 'ana@h', 'ben@h', 'cai@h']);
  });

  it('filters by role (any of a person’s roles) and by department, together', () => {
    expect(shown({ role: 'doctor' })).toEqual(['dee@h', 'ana@h']);
    expect(shown({ role: 'dispatcher' })).toEqual(['dee@h']);
    expect(shown({ department: 'ICU' })).toEqual(['ana@h', 'ben@h']);
    expect(shown({ role: 'doctor', department: 'ED', duty: 'all' })).toEqual(['dee@h', 'cai@h']);
  });

  it("offers every role and department in the directory as the filters' choices", () => {
    expect(valuesOf(staff, (e) => e.roles)).toEqual(['dispatcher', 'doctor', 'nurse']);
    expect(valuesOf(staff, (e) => [e.department])).toEqual(['ED', 'ICU']);
  });
});
