// Issue #13 part 2: an admin renames a department. All its staff move to the
// new name at once, its room moves with them (the old one is destroyed), and
// each change is on the record with the old and the new name.
import { COMMANDS, DIRECTORY_FIELDS as F, NS_CONFERENCE, NS_MUC_ADMIN } from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { departmentRoom } from '../rooms/room-name.ts';
import {
  errorTextOf,
  exchange,
  nextStanza,
  noteOf,
  runCommand,
  startHarness,
  xml,
  type Harness,
} from '../test-support.ts';

const colleague = {
  user: 'colleague',
  password: 'colleague-password-1',
  name: 'Cole League',
  roles: ['nurse'],
  department: 'Emergency',
};
let h: Harness;
let admin: Client;
let ops: string;
let domain: string;

beforeAll(async () => {
  h = await startHarness({ staff: [colleague] });
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const room = (department: string) => departmentRoom(department, h.prosody.settings.mucHost);
const rename = (from: string, to: string) =>
  runCommand(admin, ops, COMMANDS.directoryRenameDepartment, { [F.department]: from, [F.newDepartment]: to });
const members = async (r: string) => {
  const iq = xml(
    'iq',
    { type: 'get', to: r },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation: 'member' })),
  );
  const reply = await exchange(admin, iq);
  if (reply.attrs.type !== 'result') return reply.attrs.type;
  return reply
    .getChild('query', NS_MUC_ADMIN)!
    .getChildren('item')
    .map((i) => i.attrs.jid!)
    .sort();
};

it('renames a department for all its staff at once, and moves its room', { timeout: 30_000 }, async () => {
  const nurse = await h.login('nurse');
  await nurse.send(xml('presence', { to: ops }));
  await nextStanza(nurse, (el) => !!el.getChild('x', NS_CONFERENCE)); // her Emergency invitation
  const invited = nextStanza(nurse, (el) => !!el.getChild('x', NS_CONFERENCE));

  expect(noteOf(await rename('Emergency', 'Emergency Medicine'))).toBe(
    'Renamed Emergency to Emergency Medicine for 2 people.',
  );
  const staff = await h.component.store.directory.list();
  expect(
    staff
      .filter((e) => e.department === 'Emergency Medicine')
      .map((e) => e.jid)
      .sort(),
  ).toEqual([`colleague@${domain}`, `nurse@${domain}`]);
  expect(staff.some((e) => e.department === 'Emergency')).toBe(false);
  expect((await invited).getChild('x', NS_CONFERENCE)!.attrs).toMatchObject({
    jid: room('Emergency Medicine'),
    reason: 'Emergency Medicine',
  });
  await expect
    .poll(() => members(room('Emergency Medicine')), { timeout: 10_000 })
    .toEqual([`colleague@${domain}`, `nurse@${domain}`]);
  await expect.poll(() => members(room('Emergency')), { timeout: 10_000 }).toBe('error');

  const [last] = await h.component.store.audit.list({ target: `nurse@${domain}`, limit: 1 });
  expect(last).toMatchObject({
    actor: `admin@${domain}`,
    action: COMMANDS.directoryRenameDepartment,
    before: { department: 'Emergency' },
    after: { department: 'Emergency Medicine' },
  });
});

it('refuses a department nobody works in, and a new name with a control character', async () => {
  expect(errorTextOf(await rename('Nowhere', 'Somewhere'))).toBe('Nobody works in a department called "Nowhere".');
  expect(errorTextOf(await rename('Dispatch', 'Dis\u202epatch'))).toMatch(/^The new name has problems: Department: /);
  expect((await h.component.store.directory.get(`dispatcher@${domain}`))?.department).toBe('Dispatch');
});
