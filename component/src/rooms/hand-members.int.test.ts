// Issue #13 part 2: the start-up sync of department rooms takes membership
// only from people the directory placed there and who left the department,
// never from a colleague an owner or admin added to the room by hand.
import { NS_MUC_ADMIN } from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchange, startHarness, xml, type Harness } from '../test-support.ts';
import { departmentRoom } from './room-name.ts';

let h: Harness;
let admin: Client;
const room = (department: string) => departmentRoom(department, h.prosody.settings.mucHost);
const jid = (user: string) => `${user}@${h.prosody.settings.domain}`;

beforeAll(async () => {
  h = await startHarness();
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const setMember = async (room: string, user: string) => {
  const iq = xml(
    'iq',
    { type: 'set', to: room },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation: 'member', jid: jid(user) })),
  );
  expect((await exchange(admin, iq)).attrs.type).toBe('result');
};
/** The room's member list as its owner sees it (XEP-0045 §9.5). */
const members = async (room: string) => {
  const iq = xml(
    'iq',
    { type: 'get', to: room },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation: 'member' })),
  );
  const reply = await exchange(admin, iq);
  return reply
    .getChild('query', NS_MUC_ADMIN)!
    .getChildren('item')
    .map((i) => i.attrs.jid!.split('/')[0]!)
    .sort();
};

it(
  'keeps members an admin added by hand after a restart, and removes a nurse who moved to another department',
  { timeout: 60_000 },
  async () => {
    expect(await members(room('Emergency'))).toEqual([jid('nurse')]);
    // A colleague outside the directory, and one of another department, added by hand.
    await setMember(room('Dispatch'), 'newcomer');
    await setMember(room('Dispatch'), 'nurse');
    await setMember(room('Emergency'), 'dispatcher');

    // The nurse moves to Dispatch in the directory without the running rooms following (as if edited while away).
    const nurse = (await h.component.store.directory.get(jid('nurse')))!;
    await h.component.store.directory.upsert({ ...nurse, department: 'Dispatch' });
    await h.restartComponent();

    await expect.poll(() => members(room('Emergency')), { timeout: 15_000 }).toEqual([jid('dispatcher')]);
    expect(await members(room('Dispatch'))).toEqual([jid('dispatcher'), jid('newcomer'), jid('nurse')].sort());
  },
);
