// Issue #13 part 2: an admin deletes a directory entry. The person leaves the
// directory and their department room, keeps their account, and the audit
// record says who deleted what. Colleagues online hear of it at once.
import { COMMANDS, DIRECTORY_FIELDS as F, NS_COMMANDS, NS_DIRECTORY } from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  errorTextOf,
  exchange,
  nextStanza,
  noteOf,
  runCommand,
  startHarness,
  tableRows,
  xml,
  type Harness,
} from '../test-support.ts';
import { departmentRoom } from '../rooms/room-name.ts';
import { roomName } from '../rooms/test-retired.ts';

let h: Harness;
let admin: Client;
let ops: string;
let domain: string;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const remove = (jid: string) => runCommand(admin, ops, COMMANDS.directoryDelete, { [F.jid]: jid });
const staff = async () => tableRows(await runCommand(admin, ops, COMMANDS.directory, {})).map((r) => r[F.jid]![0]);

it('deletes an entry: gone from the directory, its emptied room retired, the account stays, on the record', async () => {
  const nurse = `nurse@${domain}`;
  expect(await staff()).toContain(nurse);
  // A colleague online towards the component hears the removal live (protocol/README.md).
  const dispatcher = await h.login('dispatcher');
  await dispatcher.send(xml('presence', { to: ops }));
  await new Promise((r) => setTimeout(r, 200)); // presence has no answer to wait for
  const removal = nextStanza(dispatcher, (el) => el.name === 'message' && !!el.getChild('removed', NS_DIRECTORY));
  expect(noteOf(await remove(nurse))).toBe('Priya Shah is no longer in the directory; their account stays.');
  expect((await removal).getChild('removed', NS_DIRECTORY)!.attrs.jid).toBe(nurse);
  expect(await staff()).not.toContain(nurse);
  // She was Emergency's only member: its room is retired with her, kept read-only for its history (rooms/retire.ts).
  const room = departmentRoom('Emergency', h.prosody.settings.mucHost);
  await expect.poll(() => roomName(admin, room), { timeout: 10_000 }).toBe('Retired · Emergency');
  // Her account stays: she still signs in.
  const signedIn = await h.login('nurse');
  expect(signedIn.jid?.toString()).toMatch(/^nurse@/);

  const [last] = await h.component.store.audit.list({ target: nurse, limit: 1 });
  expect(last).toMatchObject({
    actor: `admin@${domain}`,
    action: COMMANDS.directoryDelete,
    before: { name: 'Priya Shah', department: 'Emergency' },
    after: null,
  });
  const audit = xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.directoryAudit, action: 'execute' });
  // The newest two: her deletion, then (caused by it) her emptied room's retirement, each in words.
  const rows = tableRows(await exchange(admin, xml('iq', { type: 'set', to: ops }, audit))).slice(0, 2);
  expect(rows).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ target: [nurse], change: ['deleted: Priya Shah (nurse, Emergency)'] }),
      expect.objectContaining({ target: [`room:${room}`], change: ['room retired: Emergency'] }),
    ]),
  );

  expect(errorTextOf(await remove(nurse))).toMatch(/nobody with that address in the staff directory/);
});
