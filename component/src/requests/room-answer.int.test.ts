// Answers typed in the room a request was posted in (requests/room-answer.ts),
// here an alarm's incident room, on a real Prosody and the component (SQLite,
// and PostgreSQL in int-pg): a plain client's "1" counts once, as the
// occupant's real JID; other text is chat; a non-responder's "1" is refused by
// a chat from the request's address; history is not read again after a
// component restart. The tests run in order, each starting where the last ended.
import { ALARM_COMMANDS, ALARM_FIELDS as F, ALARM_RAISED_FIELDS as R, NS_COMMANDS, NS_DATA } from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { responders } from '../alarms/test-staff.ts';
import { nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let room = '';
let request = '';
let id = '';
const c: Record<string, Client> = {};
const jid = (user: string) => `${user}@${h.prosody.settings.domain}`;
const nick = (cl: Client) => cl.jid!.toString().split('@')[0]!;
const say = (cl: Client, body: string) =>
  cl.send(xml('message', { type: 'groupchat', to: room }, xml('body', {}, body)));
/** The next chat message to `cl` from the request's address. */
const fromRequest = (cl: Client) =>
  nextStanza(cl, (el) => el.name === 'message' && el.attrs.from === request && el.attrs.type === 'chat');
/** The next post of the component in the room starting with `text`, as `cl` sees it. */
const posted = (cl: Client, text: string) =>
  nextStanza(
    cl,
    (el) =>
      el.name === 'message' && el.attrs.from === `${room}/Bleep` && (el.getChildText('body') ?? '').startsWith(text),
  );
const answers = async () => (await h.component.store.responses.get(id))!.answers.map((a) => [a.by, a.choice]);
const answered = async (who: string) =>
  (await h.component.store.responses.audit({})).filter(
    (e) => e.request === id && e.who === jid(who) && (e.event === 'answered' || e.event === 'changed'),
  ).length;

async function enter(cl: Client): Promise<void> {
  const self = nextStanza(cl, (el) => el.name === 'presence' && el.attrs.from === `${room}/${nick(cl)}`);
  await cl.send(xml('presence', { to: `${room}/${nick(cl)}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  expect((await self).attrs.type).toBeUndefined();
}

beforeAll(async () => {
  h = await startHarness({ staff: responders() });
  for (const u of ['nurse', 'anaes', 'nurse2']) {
    c[u] = await h.login(u);
    await c[u]!.send(xml('presence'));
  }
  const reply = await runCommand(c.nurse!, h.prosody.settings.opsHost, ALARM_COMMANDS.alarm, {
    [F.preset]: 'code-blue',
    [F.location]: 'Ward 5',
  });
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  const raised = Object.fromEntries(x.getChildren('field').map((f) => [f.attrs.var!, f.getChildText('value') ?? '']));
  room = raised[R.room]!;
  request = raised[R.request]!;
  id = request.slice(4, 12);
  for (const u of ['nurse', 'anaes', 'nurse2']) await enter(c[u]!);
});
afterAll(() => h?.stop());

it('counts a "1" typed in the incident room once, as the occupant who typed it, with the room post', async () => {
  const confirmed = fromRequest(c.anaes!);
  const post = posted(c.nurse!, 'Omar Haddad: Acknowledge');
  await say(c.anaes!, '1');
  expect((await confirmed).getChildText('body')).toMatch(/^Your answer: Acknowledge\./);
  expect((await post).getChildText('body')).toMatch(/Acknowledged: anaesthesia 1\/1, nurse 0\/2\./);
  expect(await answers()).toEqual([[jid('anaes'), 'acknowledge']]);
  expect(await answered('anaes')).toBe(1);
  // Timeline: acknowledged once, by Omar.
  const incident = (await h.component.store.incidents.byRoom(room))!;
  const acks = (await h.component.store.incidents.events(incident.id)).filter((e) => e.event === 'acknowledged');
  expect(acks.map((e) => e.who)).toEqual([jid('anaes')]);
});

it('takes other text as chat: no answer, no reply; a label typed after it counts', async () => {
  // Replies come in order: the first from the request's address after "hello" is the one to "On my way".
  const first = fromRequest(c.nurse2!);
  await say(c.nurse2!, 'hello, on my way in 2 min');
  await say(c.nurse2!, 'On my way');
  expect((await first).getChildText('body')).toMatch(/^Your answer: On my way\./);
  expect(await answers()).toEqual([
    [jid('anaes'), 'acknowledge'],
    [jid('nurse2'), 'on-my-way'],
  ]);
});

it("refuses a non-responder's 1 with a text from the request's address, and records nothing", async () => {
  // Priya raised it: tally updates come to her from the same address, so the refusal is picked by its text.
  const refused = nextStanza(
    c.nurse!,
    (el) => el.attrs.from === request && (el.getChildText('body') ?? '').includes('not sent to you'),
  );
  await say(c.nurse!, '1');
  const msg = await refused;
  expect(msg.getChild('error')).toBeUndefined();
  expect(msg.getChildText('body')).toMatch(
    /^"Code Blue · Ward 5 · \d\d:\d\d" was not sent to you, so you cannot answer it\.$/,
  );
  expect(await answers()).toHaveLength(2);
});

it('does not read the room again after a component restart: an answer changed since stays changed', async () => {
  // Omar's "1" is in the room's history; he changes it to Decline at the request's address.
  const declined = fromRequest(c.anaes!);
  await c.anaes!.send(xml('message', { type: 'chat', to: request }, xml('body', {}, '3')));
  expect((await declined).getChildText('body')).toMatch(/^Your answer: Decline\./);
  await h.restartComponent();
  // Lena types 1 in the room: the new component enters it again (its occupants with it) and counts her.
  const confirmed = fromRequest(c.nurse2!);
  await say(c.nurse2!, '1');
  expect((await confirmed).getChildText('body')).toMatch(/^Your answer: Acknowledge\./);
  expect(await answers()).toEqual([
    [jid('anaes'), 'decline'],
    [jid('nurse2'), 'acknowledge'],
  ]);
  expect(await answered('anaes')).toBe(2);
});
