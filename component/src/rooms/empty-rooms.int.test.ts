// Issue #13 part 2: when the last person leaves a department (a directory
// edit, or their account deleted), its room is retired, never destroyed:
// read-only with its history (retire.ts), unless someone an owner or admin
// added by hand still holds a place in it, who keeps using it as it is.
import {
  ACCOUNT_COMMANDS,
  ACCOUNT_FIELDS as A,
  COMMANDS,
  DIRECTORY_FIELDS as F,
  NS_DISCO_INFO,
  NS_MUC_ADMIN,
} from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchange, runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { departmentRoom } from './room-name.ts';
import { roomName } from './test-retired.ts';

const loner = {
  user: 'loner',
  password: 'loner-password-1',
  name: 'Lou Ner',
  roles: ['doctor'],
  department: 'Oncology',
};
let h: Harness;
let admin: Client;
let ops: string;
const room = (department: string) => departmentRoom(department, h.prosody.settings.mucHost);
const jid = (user: string) => `${user}@${h.prosody.settings.domain}`;

beforeAll(async () => {
  h = await startHarness({ staff: [loner] });
  ops = h.prosody.settings.opsHost;
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const edit = async (user: string, name: string, department: string) => {
  const fields = { [F.jid]: jid(user), [F.name]: name, [F.roles]: ['doctor'], [F.department]: department };
  expect((await runCommand(admin, ops, COMMANDS.directoryEdit, fields)).attrs.type).toBe('result');
};
/** Whether the room exists: disco#info answers, or item-not-found (XEP-0045 §6.4). */
const exists = async (room: string) =>
  (await exchange(admin, xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS_DISCO_INFO })))).attrs.type ===
  'result';
const nameOf = (room: string) => roomName(admin, room);

it('retires the room of a department its last person left by an edit', { timeout: 30_000 }, async () => {
  await edit('newcomer', 'Jonas Weber', 'Cardiology');
  await expect.poll(() => exists(room('Cardiology')), { timeout: 10_000 }).toBe(true);
  await edit('newcomer', 'Jonas Weber', 'Neurology');
  await expect.poll(() => nameOf(room('Cardiology')), { timeout: 10_000 }).toBe('Retired · Cardiology');
  expect(await nameOf(room('Neurology'))).toBe('Neurology');
});

it('keeps the room while someone added by hand holds a place in it', { timeout: 30_000 }, async () => {
  const byHand = xml(
    'iq',
    { type: 'set', to: room('Neurology') },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation: 'member', jid: jid('dispatcher') })),
  );
  expect((await exchange(admin, byHand)).attrs.type).toBe('result');
  await edit('newcomer', 'Jonas Weber', '');
  // The move is done once the next edit's room exists; Neurology is still there.
  await edit('newcomer', 'Jonas Weber', 'Pathology');
  await expect.poll(() => exists(room('Pathology')), { timeout: 10_000 }).toBe(true);
  expect(await nameOf(room('Neurology'))).toBe('Neurology');
});

it("retires the room of a department whose last person's account is deleted", { timeout: 30_000 }, async () => {
  expect(await nameOf(room('Oncology'))).toBe('Oncology');
  const reply = await runCommand(admin, ops, ACCOUNT_COMMANDS.accountDelete, { [A.jid]: jid('loner') });
  expect(reply.attrs.type).toBe('result');
  await expect.poll(() => nameOf(room('Oncology')), { timeout: 10_000 }).toBe('Retired · Oncology');
  const [retired] = await h.component.store.audit.list({ target: `room:${room('Oncology')}`, limit: 1 });
  expect(retired).toMatchObject({ actor: jid('admin'), after: { cause: ACCOUNT_COMMANDS.accountDelete } });
});
