// Issues #10 and #14, faults: Prosody restarted under an open incident. The
// component must still post in the incident room afterwards (a responder's
// acknowledgement, the resolve report), or the room goes quiet in the middle
// of a Code Blue. Prosody 0.12.3 keeps a persistent room's occupants across a
// restart, the component included (it got the responder's join presence
// before posting again); muc.ts does not rely on that and enters again after
// every new link. SQLite (int) and PostgreSQL (int-pg).
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as F,
  ALARM_RAISED_FIELDS as R,
  INCIDENT_FIELDS as I,
  NS_COMMANDS,
  NS_DATA,
  NS_MUC,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { responders } from '../alarms/test-staff.ts';
import { NICK } from '../xmpp/muc-stanzas.ts';
import { memoryLog, nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const log = memoryLog('info');
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ logger: log.logger, staff: responders() });
});
afterAll(() => h?.stop());

function raised(reply: XmlElement): Record<string, string> {
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  return Object.fromEntries(x.getChildren('field').map((f) => [f.attrs.var!, f.getChildText('value') ?? '']));
}

/** Whether the component's log says its link came back after `since`. */
const linkedSince = (since: number) =>
  log
    .lines()
    .map((l) => JSON.parse(l) as { msg: string; time: number })
    .some((l) => l.msg === 'connected to Prosody' && l.time >= since);

/** Signs `user` in, available, and into `room`; resolves with the room's answer to the join. */
async function inRoom(user: string, room: string): Promise<{ client: Client; joined: XmlElement }> {
  const client = await h.login(user);
  // DESIGN.md trap: nothing before stream management is on. A join sent earlier got its stream killed
  // ("Client acknowledged less stanzas than already acknowledged") right after the room's first messages.
  const sm = (client as Client & { streamManagement: { enabled: boolean } }).streamManagement;
  await expect.poll(() => sm.enabled, { timeout: 5000, interval: 20 }).toBe(true);
  await client.send(xml('presence'));
  const answer = nextStanza(client, (el) => el.name === 'presence' && el.attrs.from === `${room}/${user}`);
  await client.send(xml('presence', { to: `${room}/${user}` }, xml('x', { xmlns: NS_MUC })));
  return { client, joined: await answer };
}

/** The component's next post in `room` that `client` sees, or a clear failure after `ms`. */
function nextPost(client: Client, room: string, body: RegExp, ms = 10_000): Promise<string> {
  const post = nextStanza(
    client,
    (el) =>
      el.attrs.type === 'groupchat' && el.attrs.from === `${room}/${NICK}` && body.test(el.getChildText('body') ?? ''),
  );
  return Promise.race([
    post.then((el) => el.getChildText('body')!),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no post matching ${String(body)} in ${room} within ${ms} ms`)), ms).unref(),
    ),
  ]);
}

it(
  'posts in an incident room opened before Prosody restarted: the acknowledgement tally and the resolve report',
  { timeout: 90_000 },
  async () => {
    const ops = h.prosody.settings.opsHost;
    const nurse = await h.login('nurse');
    const reply = await runCommand(nurse, ops, ALARM_COMMANDS.alarm, {
      [F.preset]: 'code-blue',
      [F.location]: 'Ward 7',
    });
    expect(reply.attrs.type).toBe('result');
    const alarm = raised(reply);

    const restartAt = Date.now();
    await h.prosody.restart();
    const upAt = Date.now();
    await expect.poll(() => linkedSince(restartAt), { timeout: 15_000 }).toBe(true);

    // The responder's client signs in again and re-enters the room, as the PWA does.
    const { client: anaes, joined } = await inRoom('anaes', alarm[R.room]!);
    expect(joined.attrs.type).toBeUndefined();
    const tally = nextPost(anaes, alarm[R.room]!, /^Omar Haddad: Acknowledge/);
    const answeredAt = Date.now();
    await anaes.send(xml('message', { type: 'chat', to: alarm[R.request]! }, xml('body', {}, '1')));
    expect(await tally).toMatch(/Acknowledged: /);
    say(
      `Prosody restarted in ${upAt - restartAt} ms; the acknowledgement was posted in the incident room ` +
        `${Date.now() - answeredAt} ms after the answer`,
    );

    const dispatcher = await h.login('dispatcher');
    const report = nextPost(anaes, alarm[R.room]!, /^Code Blue resolved by Dana Reyes/);
    const resolved = await runCommand(dispatcher, ops, ALARM_COMMANDS.alarmResolve, {
      [I.incident]: alarm[R.incident]!,
      [I.outcome]: 'ROSC',
    });
    expect(resolved.attrs.type).toBe('result');
    expect(await report).toMatch(/Omar Haddad answered: Acknowledge after \d+ s/);
  },
);
