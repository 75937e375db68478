// The role-records table → rows: whom each message to a role reached, or that
// it was withdrawn; a list cut short (or unreadable) is no list, never "nobody"; another
// command's answer is an error value.
import { FORM_ROLE_RECORDS, NS_DATA, ROLE_RECORDS_FIELDS as R } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import type { CommandStep } from '../forms/command.ts';
import { parseForm } from '../forms/dataform.ts';
import { parseRoleRecords } from './role-records-codec.ts';

const field = (v: string, value: string) => xml('field', { var: v }, xml('value', {}, value));
function step(formType: string, ...items: Record<string, string>[]): CommandStep {
  const x = xml(
    'x',
    { xmlns: NS_DATA, type: 'result' },
    field('FORM_TYPE', formType),
    ...items.map((i) => xml('item', {}, ...Object.entries(i).map(([k, v]) => field(k, v)))),
  );
  return { node: 'role-records', sessionid: '', status: 'completed', actions: [], form: parseForm(x), note: '', x };
}
const row = (id: string, reached: string, withdrawn = '', via = 'client') => ({
  [R.id]: id,
  [R.at]: '2026-11-30T10:00:00.000Z',
  [R.sender]: 'dana@h.example',
  [R.role]: 'nurse',
  [R.reached]: reached,
  [R.withdrawn]: withdrawn,
  [R.via]: via,
});

describe('role records', () => {
  it('reads whom each reached, withdrawn or not, and how it went', () => {
    const got = parseRoleRecords(
      step(
        FORM_ROLE_RECORDS,
        row('a', '[{"jid":"priya@h.example","name":"Priya Shah"}]', '', 'component'),
        row('b', '[]', '2026-11-30T10:00:05.000Z'),
        row('c', 'not json'),
        { ...row('d', '[{"jid":"priya@h.example","name":"Pri…'), [R.cut]: R.reached },
      ),
    );
    expect(got).toEqual([
      expect.objectContaining({ id: 'a', reached: [{ jid: 'priya@h.example', name: 'Priya Shah' }], via: 'component' }),
      expect.objectContaining({ id: 'b', reached: [], withdrawn: '2026-11-30T10:00:05.000Z', via: 'client' }),
      expect.objectContaining({ id: 'c', reached: null, withdrawn: '' }),
      expect.objectContaining({ id: 'd', reached: null }),
    ]);
  });

  it("is an error value for another command's answer", () => {
    expect(parseRoleRecords(step('urn:bleep:audit:log:0'))).toBeInstanceOf(Error);
  });
});
