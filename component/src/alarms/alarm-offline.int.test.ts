// An alarm for a responder with no device online (issue #10): it is one
// stanza, the incident room's invitation carrying the alarm, so offline
// storage hands exactly that over at sign-in, stamped by the server, and the
// archive keeps it with the room for every later device.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as F,
  ALARM_RAISED_FIELDS as R,
  NS_ALARM,
  NS_COMMANDS,
  NS_DATA,
  NS_MUC_USER,
} from '@bleep/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { archivedAlarms } from './test-archive.ts';
import { responders } from './test-staff.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ staff: responders() });
});
afterAll(() => h?.stop());

it('reaches a responder who was offline: from offline storage at sign-in, and from the archive', async () => {
  const { opsHost: ops, domain } = h.prosody.settings;
  const nurse = await h.login('nurse');
  const reply = await runCommand(nurse, ops, ALARM_COMMANDS.alarm, { [F.preset]: 'code-blue', [F.location]: 'Ward 5' });
  expect(reply.attrs.type).toBe('result');
  const fields = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!.getChildren('field');
  const value = (v: string) => fields.find((f) => f.attrs.var === v)!.getChildText('value')!;
  const [incident, room] = [value(R.incident), value(R.room)];

  // Signing in: the initial presence releases what offline storage kept (mod_offline).
  const anaes = await h.login('anaes');
  const kept = nextStanza(anaes, (el) => el.name === 'message' && !!el.getChild('alarm', NS_ALARM));
  await anaes.send(xml('presence'));
  const alarm = await kept;
  expect(alarm.attrs.from).toBe(room);
  expect(alarm.getChild('x', NS_MUC_USER)!.getChild('invite')!.attrs.from).toBe(ops);
  expect(alarm.getChild('alarm', NS_ALARM)!.attrs).toMatchObject({ incident, location: 'Ward 5' });
  expect(alarm.getChild('delay', 'urn:xmpp:delay')?.attrs.from).toBe(domain);

  // The archive, as another device of hers would page it.
  const archived = async () =>
    (await archivedAlarms(anaes, room)).map((m) => m.getChild('alarm', NS_ALARM)!.attrs.incident);
  await expect.poll(archived, { timeout: 10_000, interval: 300 }).toEqual([incident]);
  await Promise.all([nurse.stop(), anaes.stop()]);
});
