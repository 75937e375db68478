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

it('deletes an entry: gone from the directory and its room, the account stays, on the record', async () => {
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
  // She was Emergency's only member: her room went with her (the room is gone).
  const info = () =>
    exchange(
      admin,
      xml(
        'iq',
        { type: 'get', to: departmentRoom('Emergency', h.prosody.settings.mucHost) },
        xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }),
      ),
    ).then((r) => r.attrs.type);
  await expect.poll(info, { timeout: 10_000 }).toBe('error');
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
  const [row] = tableRows(await exchange(admin, xml('iq', { type: 'set', to: ops }, audit)));
  expect(row).toMatchObject({ target: [nurse], change: ['deleted: Priya Shah (nurse, Emergency)'] });

  expect(errorTextOf(await remove(nurse))).toMatch(/nobody with that address in the staff directory/);
});
