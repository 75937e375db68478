// Issue #14: who is online lives in the component's memory (online.ts). After
// it restarts, colleagues are still shown available and still get live
// updates, without anyone reloading or sending anything: the component probes
// them (probe.ts, prosody/modules/mod_bleep_directed_probe.lua).
import { COMMANDS, DIRECTORY_FIELDS as F, NS_COMMANDS, NS_DATA, NS_DIRECTORY } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let dispatcher: Client;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  dispatcher = await h.login('dispatcher');
  await dispatcher.send(xml('presence', { to: ops }));
});
afterAll(() => h?.stop());

/** Name → online, as the directory answers the dispatcher. */
async function online(): Promise<Record<string, string>> {
  const reply = await runCommand(dispatcher, ops, COMMANDS.directory, {});
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  const value = (i: XmlElement, v: string) =>
    i
      .getChildren('field')
      .find((f) => f.attrs.var === v)!
      .getChildText('value');
  return Object.fromEntries(x.getChildren('item').map((i) => [value(i, F.name), value(i, F.online)]));
}
const nextUpdate = (client: Client) =>
  nextStanza(client, (el) => el.name === 'message' && !!el.getChild('entry', NS_DIRECTORY)).then((el) =>
    el.getChild('entry', NS_DIRECTORY)!,
  );

it(
  'still shows an on-duty colleague available after a restart, and puts changes live',
  { timeout: 60_000 },
  async () => {
    const nurse = await h.login('nurse');
    await nurse.send(xml('presence'));
    await nurse.send(xml('presence', { to: ops }));
    expect((await runCommand(nurse, ops, COMMANDS.duty, { [F.onDuty]: 'true' })).attrs.type).toBe('result');
    // Available to the server but never to the component: that stays hers.
    const admin = await h.login('admin');
    await admin.send(xml('presence'));
    await expect.poll(online, { timeout: 10_000 }).toMatchObject({ 'Priya Shah': 'true', 'Dana Reyes': 'true' });

    await h.restartComponent();
    await expect
      .poll(online, { timeout: 10_000 })
      .toEqual({ 'Priya Shah': 'true', 'Dana Reyes': 'true', 'Alex Morgan': 'false' });
    // The dispatcher sent nothing since the restart, and still hears of the nurse leaving.
    const wentAway = nextUpdate(dispatcher);
    await nurse.stop();
    expect((await wentAway).attrs).toMatchObject({ jid: `nurse@${h.prosody.settings.domain}`, online: 'false' });
  },
);

it('counts who came and went while the component was away', { timeout: 60_000 }, async () => {
  const admin = await h.login('admin');
  await admin.send(xml('presence', { to: ops }));
  await expect.poll(online, { timeout: 10_000 }).toMatchObject({ 'Alex Morgan': 'true', 'Priya Shah': 'false' });

  await h.restartComponent(async () => {
    await admin.stop(); // its unavailable presence bounces: nobody receives it
    const nurse = await h.login('nurse');
    await nurse.send(xml('presence', { to: ops })); // bounces too
  });
  await expect
    .poll(online, { timeout: 10_000 })
    .toEqual({ 'Priya Shah': 'true', 'Dana Reyes': 'true', 'Alex Morgan': 'false' });
});
