import { describe, expect, it } from 'vitest';
import { firstResults, searchEntries } from './search.ts';

const e = (name: string, roles: string[], department: string, onDuty = false) => ({
  jid: `${name.split(' ')[0]!.toLowerCase()}@h.example`,
  name,
  roles,
  department,
  extension: '',
  onDuty,
});
const all = [e('Zoë Müller', ['nurse'], 'Emergency', true), e('Jonas Weber', ['doctor', 'anaesthesia'], 'Anaesthesia')];

describe('directory search', () => {
  it('matches names without regard to case or accents', () => {
    expect(searchEntries(all, { text: 'zoe mul' }).map((x) => x.name)).toEqual(['Zoë Müller']);
  });
  it('matches a role exactly and a department by part', () => {
    expect(searchEntries(all, { role: 'Anaesthesia' }).map((x) => x.name)).toEqual(['Jonas Weber']);
    expect(searchEntries(all, { role: 'anaes' })).toEqual([]);
    expect(searchEntries(all, { department: 'emerg' }).map((x) => x.name)).toEqual(['Zoë Müller']);
  });
  it('combines criteria, including on duty only', () => {
    expect(searchEntries(all, { onDutyOnly: true }).map((x) => x.name)).toEqual(['Zoë Müller']);
    expect(searchEntries(all, { onDutyOnly: true, role: 'doctor' })).toEqual([]);
    expect(searchEntries(all, {})).toHaveLength(2);
  });
  it('keeps the first results of a large answer and says how to see the others', () => {
    expect(firstResults(all, 2)).toEqual({ shown: all });
    const cut = firstResults(all, 1);
    expect(cut.shown).toEqual([all[0]]);
    expect(cut.note).toBe(
      'Showing the first 1 of 2 people found. Refine your search (name, role or department) to see the others.',
    );
  });
});
