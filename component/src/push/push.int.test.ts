// Push (issue #12) on a real Prosody (mod_cloud_notify) and the component
// (SQLite, and PostgreSQL in int-pg), to a local HTTPS Web Push endpoint that
// decrypts what it gets with each device's keys. Devices register, enable
// XEP-0357 push on their account and sign out; then a message, a request and
// an alarm reach them as pushes that name who or what, never a message's
// text. The tests run in order.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as A,
  COMMANDS,
  NS_COMMANDS,
  NS_DATA,
  NS_OMEMO,
  NS_PUSH,
  PUSH_ANSWER_PATH,
  PUSH_COMMANDS,
  PUSH_FIELDS as P,
  REQUEST_FIELDS as F,
  type AlarmPreset,
} from '@bleep/protocol';
import { randomUUID } from 'node:crypto';
import type { XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_PRESETS } from '../alarms/defaults.ts';
import { AnswerTokens } from '../responses/token.ts';
import { responders } from '../alarms/test-staff.ts';
import { exchange, runCommand, startHarness, submitForm, xml, type Harness } from '../test-support.ts';
import { startPushEndpoint, type PushEndpoint, type ReceivedPush } from './test-push-endpoint.ts';

// Repeats every 2 s (written to the store directly: the edit command's floor, 10 s, is for people).
const FAST: AlarmPreset = {
  ...DEFAULT_PRESETS[0]!,
  id: 'push-blue',
  name: 'Push Blue',
  responders: { roles: [], people: [], rooms: [], onDutyOnly: false },
  ladder: [],
  repeatS: 2,
};
const SECRET = 'Bed 4: Mr Jones, potassium 6.9';
const audit = () => ({ id: randomUUID(), at: new Date().toISOString(), actor: 'test', action: 'test' });

let h: Harness;
let endpoint: PushEndpoint;
let ops: string;
const nodes: Record<string, string> = {};
const jid = (u: string) => `${u}@${h.prosody.settings.domain}`;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
const pushesTo = (device: string, since = 0) => endpoint.received.filter((r) => r.device === device && r.at >= since);
const nextPush = (device: string, since: number, what: string) =>
  until<ReceivedPush>(what, () => pushesTo(device, since)[0]);
/** What a notification's button does: POST the push's token and a choice (through the web proxy in the app). */
async function answerFromPush(body: object): Promise<{ status: number; ok: boolean; error?: string; text: string }> {
  const res = await fetch(`http://127.0.0.1:${h.prosody.settings.ports.opsHttp}${PUSH_ANSWER_PATH}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, ...((await res.json()) as { ok: boolean; error?: string; text: string }) };
}
const resultField = (reply: XmlElement, v: string) =>
  reply
    .getChild('command', NS_COMMANDS)!
    .getChild('x', NS_DATA)!
    .getChildren('field')
    .find((f) => f.attrs.var === v)
    ?.getChildText('value') ?? '';

/** Signs `user` in, registers a subscription for their device, enables XEP-0357 push, signs out. */
async function enablePush(user: string): Promise<void> {
  const c = await h.login(user);
  const sub = endpoint.subscribe(user);
  const reply = await runCommand(c, ops, PUSH_COMMANDS.pushRegister, {
    [P.endpoint]: sub.endpoint,
    [P.p256dh]: sub.p256dh,
    [P.auth]: sub.auth,
  });
  expect(reply.attrs.type, reply.toString()).toBe('result');
  expect(resultField(reply, P.jid)).toBe(ops);
  nodes[user] = resultField(reply, P.node);
  // XEP-0357 §5: the client enables push on its own account, naming the app server and node.
  const enabled = await exchange(
    c,
    xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_PUSH, jid: ops, node: nodes[user] })),
  );
  expect(enabled.attrs.type).toBe('result');
  await c.stop();
}

beforeAll(async () => {
  endpoint = await startPushEndpoint();
  h = await startHarness({
    staff: responders(),
    settings: { BLEEP_PUSH_SERVICES: endpoint.host, BLEEP_PUSH_CA: endpoint.ca },
  });
  ops = h.prosody.settings.opsHost;
  await h.component.store.presets.edit(FAST, audit());
  for (const u of ['doctor', 'anaes', 'nurse2']) await enablePush(u);
});
afterAll(async () => {
  await h?.stop();
  await endpoint?.stop();
});

it('gives the server key in step 1 and refuses a subscription to a host that is not a push service', async () => {
  const c = await h.login('nurse3');
  const first = await exchange(
    c,
    xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node: PUSH_COMMANDS.pushRegister })),
  );
  // An uncompressed P-256 point, base64url: what PushManager.subscribe takes as applicationServerKey.
  expect(Buffer.from(resultField(first, P.vapidKey), 'base64url')).toHaveLength(65);
  const sub = endpoint.subscribe('nurse3');
  const refused = await runCommand(c, ops, PUSH_COMMANDS.pushRegister, {
    ...{ [P.p256dh]: sub.p256dh, [P.auth]: sub.auth },
    [P.endpoint]: 'https://intranet.example/push/1',
  });
  expect(refused.attrs.type).toBe('error');
  expect(refused.getChild('error')!.getChildText('text')).toMatch(/not an https address of a push service/);
  await c.stop();
});

it('pushes a 1:1 message to an offline colleague: who wrote, not the text', async () => {
  const since = Date.now();
  const nurse = await h.login('nurse');
  await nurse.send(xml('message', { type: 'chat', to: jid('doctor') }, xml('body', {}, SECRET)));
  const push = await nextPush('doctor', since, 'the message push');
  expect(push.payload).toEqual({ kind: 'message', from: jid('nurse'), name: 'Priya Shah' });
  expect(push.text).not.toContain('Jones');
  expect(push.text).not.toContain('potassium');
  expect(push.vapid).toBe(true);
  expect(push.urgency).toBe('normal');
  await nurse.stop();
});

it('pushes an OMEMO message as who wrote only: never its ciphertext or fallback text', async () => {
  const nurse = await h.login('nurse');
  const cipher = Buffer.from(SECRET).toString('base64');
  // XEP-0384 0.3: <encrypted> with a header and payload; with and without the fallback body clients add.
  const omemo = (...extra: XmlElement[]) =>
    xml(
      'message',
      { type: 'chat', to: jid('doctor') },
      xml(
        'encrypted',
        { xmlns: NS_OMEMO },
        xml('header', { sid: '1001' }, xml('key', { rid: '2002' }, cipher), xml('iv', {}, 'aXYxMjM0NTY3ODkw')),
        xml('payload', {}, cipher),
      ),
      ...extra,
    );
  for (const extra of [[], [xml('body', {}, 'I sent you an OMEMO encrypted message.')]]) {
    const since = Date.now();
    await nurse.send(omemo(...extra));
    const push = await nextPush('doctor', since, 'the OMEMO message push');
    expect(push.payload).toEqual({ kind: 'message', from: jid('nurse'), name: 'Priya Shah' });
    for (const secret of [cipher, 'OMEMO', 'Jones']) expect(push.text).not.toContain(secret);
  }
  await nurse.stop();
});

it('pushes a request to an offline colleague with its title and choices, not its fields', async () => {
  const since = Date.now();
  const nurse = await h.login('nurse');
  const cmd = (attrs: Record<string, string>, x?: XmlElement) =>
    xml(
      'iq',
      { type: 'set', to: ops },
      xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.request, ...attrs }, ...(x ? [x] : [])),
    );
  const first = await exchange(nurse, cmd({ action: 'execute' }));
  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  await exchange(
    nurse,
    cmd({ sessionid, action: 'next' }, submitForm({ [F.template]: 'accept-patient', [F.people]: [jid('doctor')] })),
  );
  const done = await exchange(
    nurse,
    cmd({ sessionid, action: 'complete' }, submitForm({ patient: 'Mr Jones', bed: SECRET })),
    10_000,
  );
  expect(done.attrs.type, done.toString()).toBe('result');
  const id = resultField(done, 'id');
  const push = await nextPush('doctor', since, 'the request push');
  expect(push.payload).toMatchObject({
    kind: 'request',
    request: `req-${id}@${ops}`,
    from: jid('nurse'),
    name: 'Priya Shah',
  });
  expect(push.payload.kind === 'request' && push.payload.choices.length).toBeGreaterThan(1);
  expect(push.text).not.toContain('Jones');
  expect(push.urgency).toBe('high');
  await nurse.stop();

  // The notification's button answers with the push's token, on the same path and rules as an XMPP answer.
  const token = push.payload.kind === 'request' ? push.payload.answer! : '';
  expect(await answerFromPush({ token, choice: 'accept' })).toMatchObject({ status: 200, ok: true, text: /Accept/ });
  // Tapped twice: counted once (the first accept took this exclusive request, as over XMPP).
  expect(await answerFromPush({ token, choice: 'accept' })).toMatchObject({ status: 409, error: 'request-closed' });
  const r = (await h.component.store.responses.get(id))!;
  expect(r.answers).toMatchObject([{ by: jid('doctor'), choice: 'accept', resource: 'push' }]);
  const events = (await h.component.store.responses.audit({})).filter((e) => e.request === id);
  expect(events.filter((e) => e.event === 'answered')).toHaveLength(1);
  // A token changed by hand, one past its time, another person's request.
  const [body, mac] = token.split('.');
  const forged = `${Buffer.from(JSON.stringify([id, jid('anaes'), 9e9])).toString('base64url')}.${mac}`;
  expect(await answerFromPush({ token: forged, choice: 'accept' })).toMatchObject({ status: 401, error: 'bad-token' });
  expect(await answerFromPush({ token: `${body}.${mac}x`, choice: 'accept' })).toMatchObject({ error: 'bad-token' });
  // Issued as the component does (its secret), but expired a second ago: refused with what to do instead.
  const tokens = new AnswerTokens(h.prosody.settings.componentSecret);
  const old = tokens.issue({ request: id, by: jid('doctor'), expires: Date.now() - 1000 });
  const expired = await answerFromPush({ token: old, choice: 'decline' });
  expect(expired).toMatchObject({ status: 401, error: 'bad-token', text: /too old.*Open Bleep/ });
  const notAsked = tokens.issue({ request: id, by: jid('anaes'), expires: Date.now() + 60_000 });
  expect(await answerFromPush({ token: notAsked, choice: 'accept' })).toMatchObject({
    status: 403,
    error: 'not-addressed',
  });
  expect((await h.component.store.responses.get(id))!.answers).toHaveLength(1);
});

let incident = '';
let request = '';

it('pushes an alarm, urgent, and repeats it until acknowledged; then no more', async () => {
  const since = Date.now();
  const nurse = await h.login('nurse');
  await h.component.store.presets.edit(
    { ...FAST, responders: { ...FAST.responders, people: [jid('anaes')] } },
    audit(),
  );
  const reply = await runCommand(nurse, ops, ALARM_COMMANDS.alarm, {
    [A.preset]: FAST.id,
    [A.location]: 'Ward 3',
    [A.bed]: '4',
    [A.note]: SECRET,
  });
  expect(reply.attrs.type, reply.toString()).toBe('result');
  incident = resultField(reply, 'incident');
  request = resultField(reply, 'request');
  const push = await nextPush('anaes', since, 'the alarm push');
  // The alarm goes out before its acknowledgement request is stored (alarms/trigger.ts): the first push may not name it.
  expect(push.payload).toMatchObject({ kind: 'alarm', incident, name: 'Push Blue', colour: FAST.colour });
  expect(push.text).not.toContain('Jones');
  expect(push.text).not.toContain('Ward 3');
  expect(push.urgency).toBe('high');
  // The repeats (every 2 s) push again while unanswered.
  const repeats = await until('two repeats', () => {
    const r = pushesTo('anaes', push.at + 1).filter((p) => p.payload.kind === 'alarm');
    return r.length >= 2 ? r : undefined;
  });
  expect(repeats[1]!.payload).toMatchObject({ kind: 'alarm', incident, request });
  // Acknowledged from the notification's button, with the app closed.
  const token = repeats[1]!.payload.kind === 'alarm' ? repeats[1]!.payload.answer! : '';
  expect(await answerFromPush({ token, choice: 'maybe' })).toMatchObject({ status: 400, error: 'bad-answer' });
  expect(await answerFromPush({ token, choice: 'acknowledge' })).toMatchObject({ ok: true, text: /Acknowledge/ });
  await until('the acknowledgement', async () =>
    (await h.component.store.incidents.events(incident)).some((e) => e.event === 'acknowledged'),
  );
  // Tapped again: counted once (the only responder answered, so the acknowledgement request is complete).
  expect(await answerFromPush({ token, choice: 'acknowledge' })).toMatchObject({
    status: 409,
    error: 'request-closed',
  });
  const acks = (await h.component.store.incidents.events(incident)).filter((e) => e.who === jid('anaes'));
  expect(acks.filter((e) => e.event === 'acknowledged')).toHaveLength(1);
  const after = Date.now() + 500;
  await new Promise((r) => setTimeout(r, 5_000));
  expect(pushesTo('anaes', after).filter((p) => p.payload.kind === 'alarm')).toEqual([]);
  // The alarm rides in the room's invitation: it pushes as the alarm, never as a message too.
  expect(pushesTo('anaes', since).map((p) => p.payload.kind)).not.toContain('message');
  await nurse.stop();
});

it('keeps a pending repeat across a component restart; a decline from the notification stops them', async () => {
  const nurse = await h.login('nurse');
  await h.component.store.presets.edit(
    { ...FAST, repeatS: 4, responders: { ...FAST.responders, people: [jid('nurse2')] } },
    audit(),
  );
  const since = Date.now();
  const reply = await runCommand(nurse, ops, ALARM_COMMANDS.alarm, { [A.preset]: FAST.id, [A.location]: 'Bay 2' });
  expect(reply.attrs.type).toBe('result');
  const id = resultField(reply, 'incident');
  await nextPush('nurse2', since, 'the first alarm push');
  await nurse.stop();
  await h.restartComponent();
  const restarted = Date.now();
  const repeat = await nextPush('nurse2', restarted, 'a repeat after the restart');
  expect(repeat.payload).toMatchObject({ kind: 'alarm', incident: id });
  // Declined from the notification (the restarted component honours the token it issued before): no more repeats.
  const token = repeat.payload.kind === 'alarm' ? repeat.payload.answer! : '';
  expect(await answerFromPush({ token, choice: 'decline' })).toMatchObject({ ok: true, text: /Decline/ });
  const after = Date.now() + 500;
  await new Promise((r) => setTimeout(r, 6_000));
  expect(pushesTo('nurse2', after).filter((p) => p.payload.kind === 'alarm')).toEqual([]);
});

it('tries a failed push again later, and removes a subscription the push service calls gone (410)', async () => {
  const nurse = await h.login('nurse');
  // A passing failure: the push comes on the retry.
  endpoint.answer('doctor', 500);
  const since = Date.now();
  await nurse.send(xml('message', { type: 'chat', to: jid('doctor') }, xml('body', {}, 'are you there?')));
  const retried = await nextPush('doctor', since, 'the retried push');
  expect(retried.at - since).toBeGreaterThan(3_000);
  // Gone: the subscription is removed.
  endpoint.answer('doctor', 410);
  await nurse.send(xml('message', { type: 'chat', to: jid('doctor') }, xml('body', {}, 'hello?')));
  await until('the subscription removed', async () => !(await h.component.store.push.byNode(nodes.doctor!)));
  await nurse.stop();
});

it('stops pushing an alarm to someone once the ladder has moved past them; the next rung gets the repeats', async () => {
  await enablePush('nurse3');
  const nurse = await h.login('nurse');
  // nurse3 first; after 5 s, unanswered, the ladder alerts anaes.
  await h.component.store.presets.edit(
    {
      ...FAST,
      responders: { ...FAST.responders, people: [jid('nurse3')] },
      ladder: [{ afterS: 5, roles: [], people: [jid('anaes')], everyoneOnDuty: false }],
    },
    audit(),
  );
  const since = Date.now();
  // A place of its own: the same preset at the same place would merge into an open incident.
  const reply = await runCommand(nurse, ops, ALARM_COMMANDS.alarm, {
    [A.preset]: FAST.id,
    [A.location]: `Bay ${randomUUID()}`,
  });
  expect(reply.attrs.type, reply.toString()).toBe('result');
  const id = resultField(reply, 'incident');
  await nurse.stop();
  const ofIt = (device: string, from: number) =>
    pushesTo(device, from).filter((p) => p.payload.kind === 'alarm' && p.payload.incident === id);
  // The first rung: the alarm and its repeats, before the ladder moves on.
  await until('a repeat to nurse3', () => ofIt('nurse3', since).length >= 2);
  const escalated = await until('the escalation', async () =>
    (await h.component.store.incidents.events(id)).find((e) => e.event === 'escalated'),
  );
  expect(escalated.detail).toMatch(/alerted Omar Haddad$/);
  expect(ofIt('nurse3', since).filter((p) => p.at < Date.parse(escalated.at)).length).toBeGreaterThanOrEqual(2);
  // Past it: the repeats now push to anaes, and none reaches nurse3 (who has not answered).
  const past = Date.parse(escalated.at) + 500;
  await until('two repeats to anaes', () => ofIt('anaes', past).length >= 2, 20_000);
  expect(ofIt('nurse3', past)).toEqual([]);
  const r = (await h.component.store.responses.get((await h.component.store.incidents.get(id))!.request!))!;
  expect(r.answers.map((a) => a.by)).not.toContain(jid('nurse3'));
});
