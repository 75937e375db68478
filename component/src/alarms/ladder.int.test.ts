// Acknowledgements per role, the escalation ladder and repeats with short
// timers, across a component restart mid-incident (SQLite, and PostgreSQL in
// int-pg): no acknowledgement lost, every timer fires once.
import { ALARM_COMMANDS, ALARM_FIELDS as F, NS_ALARM, NS_COMMANDS, NS_DATA, type AlarmPreset } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_PRESETS } from './defaults.ts';
import { runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { responders } from './test-staff.ts';

const RESPONDERS = responders();

// Short timers, written to the store directly: the edit command's floor (10 s) is for people, not tests.
const FAST: AlarmPreset = {
  ...DEFAULT_PRESETS[0]!,
  id: 'test-blue',
  name: 'Test Blue',
  responders: { roles: ['anaesthesia', 'nurse'], people: [], rooms: [], onDutyOnly: true },
  ack: [
    { role: 'anaesthesia', n: 1 },
    { role: 'nurse', n: 2 },
  ],
  ladder: [{ afterS: 6, roles: ['doctor'], people: [], everyoneOnDuty: false }],
  repeatS: 2,
};

let h: Harness;
let ops: string;
const c: Record<string, Client> = {};
const got: Record<string, XmlElement[]> = {};
const jid = (user: string) => `${user}@${h.prosody.settings.domain}`;
/** The <incident/> state on a post in the room: its attributes and, per role, [name, n, who counted]. */
const stateOf = (m: XmlElement) => {
  const el = m.getChild('incident', NS_ALARM)!;
  const { id, status, at } = el.attrs;
  const roles = el.getChildren('role').map((r) => [r.attrs.name, r.attrs.n, r.getChildren('by').map((b) => b.text())]);
  return { id, status, at, roles, declined: el.getChildren('declined').map((d) => d.text()) };
};
const alarmsOf = (u: string) => (got[u] ?? []).filter((m) => m.getChild('alarm', NS_ALARM));

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  h = await startHarness({ staff: RESPONDERS });
  ops = h.prosody.settings.opsHost;
  for (const u of ['nurse', ...RESPONDERS.map((r) => r.user)]) {
    c[u] = await h.login(u);
    got[u] = [];
    c[u]!.on('stanza', ((el: XmlElement) => el.name === 'message' && got[u]!.push(el)) as never);
    await c[u]!.send(xml('presence'));
  }
  await h.component.store.presets.edit(FAST, {
    id: 'fast',
    at: new Date().toISOString(),
    actor: 'test',
    action: 'test',
  });
});
afterAll(() => h?.stop());

let incident = '';
let request = '';

it('alerts the responders and takes an acknowledgement per role, on the timeline and in the room', async () => {
  const reply = await runCommand(c.nurse!, ops, ALARM_COMMANDS.alarm, {
    [F.preset]: 'test-blue',
    [F.location]: 'Bay 1',
  });
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  const v = Object.fromEntries(x.getChildren('field').map((f) => [f.attrs.var!, f.getChildText('value') ?? '']));
  incident = v.incident!;
  request = v.request!;
  expect(v.alerted).toBe('3');
  await until('the alarm at anaes', () => alarmsOf('anaes').length > 0);
  const room = v.room!;
  await c.nurse!.send(xml('presence', { to: `${room}/nurse` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  await c.anaes!.send(xml('message', { type: 'chat', to: request }, xml('body', {}, 'acknowledge')));
  const events = await until('the acknowledgement on the timeline', async () => {
    const e = await h.component.store.incidents.events(incident);
    return e.some((x) => x.event === 'acknowledged') ? e : undefined;
  });
  expect(events.find((e) => e.event === 'acknowledged')).toMatchObject({ who: jid('anaes') });
  expect(events.find((e) => e.event === 'acknowledged')!.detail).toMatch(/^Acknowledge after \d+ s$/);
  const post = await until('the tally in the room', () =>
    got.nurse!.find((m) => m.attrs.from?.startsWith(room) && /Acknowledged:/.test(m.getChildText('body') ?? '')),
  );
  expect(post.getChildText('body')).toMatch(
    /^Omar Haddad: Acknowledge \(\d+ s\)\. Acknowledged: anaesthesia 1\/1, nurse 0\/2\. Missing: 2 nurse\.$/,
  ); // Each post carries the incident's state for clients that show it live: first nobody, then anaes for anaesthesia.
  const first = await until('the first state in the room', () =>
    got.nurse!.find(
      (m) => m.attrs.from?.startsWith(room) && /waiting for acknowledgements/.test(m.getChildText('body') ?? ''),
    ),
  );
  expect(first.getChildText('body')).toBe(
    'Test Blue: 3 alerted; waiting for acknowledgements (anaesthesia 0/1, nurse 0/2).',
  );
  expect(stateOf(first)).toEqual({
    id: incident,
    status: 'open',
    at: (await h.component.store.incidents.get(incident))!.created,
    roles: [
      ['anaesthesia', '1', []],
      ['nurse', '2', []],
    ],
    declined: [],
  });
  expect(stateOf(post).roles).toEqual([
    ['anaesthesia', '1', [jid('anaes')]],
    ['nurse', '2', []],
  ]);
});

it('survives a component restart mid-incident: the acknowledgement kept, escalation and repeats fire once', async () => {
  await h.restartComponent();
  // The ladder's step (6 s): the rule is not met (nurses missing), so the doctor is alerted, once.
  await until('the escalation', () => alarmsOf('doctor').length > 0, 20_000);
  const i = (await h.component.store.incidents.get(incident))!;
  expect(i.responders).toContain(jid('doctor'));
  expect((await h.component.store.responses.get(request.slice(4, 12)))!.answers.map((a) => a.by)).toEqual([
    jid('anaes'),
  ]);
  // Repeats went on through the restart to those who had not answered, never to anaes after the answer, none twice.
  const repeats = (u: string) =>
    alarmsOf(u)
      .map((m) => m.getChild('alarm', NS_ALARM)!.attrs.repeat)
      .filter(Boolean);
  expect(repeats('nurse2').length).toBeGreaterThanOrEqual(2);
  expect(new Set(repeats('nurse2')).size).toBe(repeats('nurse2').length);
  expect(repeats('anaes')).toEqual([]);
  await new Promise((r) => setTimeout(r, 1000));
  const events = await h.component.store.incidents.events(incident);
  expect(events.filter((e) => e.event === 'escalated').map((e) => e.detail)).toEqual([
    expect.stringMatching(/^step 1: after \d+ s, missing 2 nurse; alerted Amara Okafor$/),
  ]);
  // The step's post in the room carries the state too: still only anaes counted.
  const step = await until('the escalation post', () =>
    got.nurse!.find((m) => /^Escalation step 1 /.test(m.getChildText('body') ?? '')),
  );
  expect(stateOf(step)).toMatchObject({ id: incident, status: 'open' });
  expect(stateOf(step).roles).toEqual([
    ['anaesthesia', '1', [jid('anaes')]],
    ['nurse', '2', []],
  ]);
});

it('says when the rule is met, and stops repeating', async () => {
  // A decline (the doctor the ladder alerted) is posted with the state: counted for no role, named as declined.
  await c.doctor!.send(xml('message', { type: 'chat', to: request }, xml('body', {}, '3')));
  const declined = await until('the decline in the room', () =>
    got.nurse!.find((m) => /^Amara Okafor: Decline/.test(m.getChildText('body') ?? '')),
  );
  expect(stateOf(declined).declined).toEqual([jid('doctor')]);
  expect(stateOf(declined).roles).toEqual([
    ['anaesthesia', '1', [jid('anaes')]],
    ['nurse', '2', []],
  ]);
  for (const u of ['nurse2', 'nurse3'])
    await c[u]!.send(xml('message', { type: 'chat', to: request }, xml('body', {}, '2')));
  await until('the rule met', async () =>
    (await h.component.store.incidents.events(incident)).some((e) => e.detail === 'rule met'),
  );
  const met = await until('the rule met in the room', () =>
    got.nurse!.find((m) => /acknowledgement rule met/.test(m.getChildText('body') ?? '')),
  );
  // Who counted, in the order their answers arrived: the two nurses answered at once, from two connections.
  expect(stateOf(met).roles).toEqual([
    ['anaesthesia', '1', [jid('anaes')]],
    ['nurse', '2', expect.arrayContaining([jid('nurse2'), jid('nurse3')])],
  ]);
  expect(stateOf(met).roles[1]![2]).toHaveLength(2);
  // A repeat already running when the last answer came may still go out; after that, none.
  await new Promise((r) => setTimeout(r, 1000));
  const seen = alarmsOf('doctor').length;
  await new Promise((r) => setTimeout(r, 4500));
  expect(alarmsOf('doctor').length).toBe(seen);
});
