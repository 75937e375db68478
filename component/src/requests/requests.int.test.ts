// Quick responses on a real Prosody and the component (SQLite, and PostgreSQL
// in int-pg): each rule under pressure, text answers from a bare client,
// refusals, expiry, escalation to a role, a room, Join the Team, and restarts.
// The tests run in order on one Prosody; each makes its own requests.
import {
  COMMANDS,
  NS_COMMANDS,
  NS_CONFERENCE,
  NS_DATA,
  NS_REQUEST,
  NS_STANZAS,
  REQUEST_FIELDS as F,
  TEMPLATE_IDS,
} from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import {
  exchange,
  login,
  nextStanza,
  submitForm,
  useNativePbkdf2,
  xml,
  type Client,
  type XmlElement,
} from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startComponent, type RunningComponent } from '../index.ts';
import { createLogger } from '../log.ts';
import { departmentRoom } from '../rooms/room-name.ts';
import type { RequestTemplate } from '../store/types.ts';
import { DEFAULT_TEMPLATES } from './templates.ts';

useNativePbkdf2();
const password = 'request-test-password-1';
const ANAESTHETISTS = Array.from({ length: 20 }, (_, i) => `a${String(i + 1).padStart(2, '0')}`);
const USERS = ['doctor', 'admin', 'porter', 'doc2', ...ANAESTHETISTS];
// Short timers for expiry, escalation and restarts (the seeded ones run in minutes).
const SHORT: RequestTemplate = {
  id: 'test-short',
  title: 'Short',
  choices: DEFAULT_TEMPLATES[0]!.choices,
  rule: { kind: 'exclusive' },
  expiresAfterMs: 2500,
  fields: [],
};
const ESCALATING: RequestTemplate = {
  ...SHORT,
  id: 'test-escalating',
  title: 'Escalating',
  expiresAfterMs: 60_000,
  escalation: { afterMs: 800, people: [], roles: ['doctor'] },
};

let prosody: RunningProsody;
let component: RunningComponent;
let domain: string;
let ops: string;
const clients = new Map<string, Client>();
const jid = (u: string) => `${u}@${domain}`;
const c = (u: string) => clients.get(u)!;

async function start() {
  component = await startComponent({
    settings: prosody.settings,
    logger: createLogger('silent'),
    seed: USERS.map((u) => ({
      jid: jid(u),
      name: u === 'doctor' ? 'Dr Amara Okafor' : u === 'doc2' ? 'Dr Kofi Mensah' : u,
      roles: u.startsWith('a') && u !== 'admin' ? ['anaesthesia'] : u.startsWith('doc') ? ['doctor'] : [],
      department: u.startsWith('a') && u !== 'admin' ? 'Anaesthesia' : u === 'doctor' ? 'Anaesthesia' : 'Wards',
      extension: '',
      onDuty: true,
    })),
  });
  await component.store.responses.addTemplates([...DEFAULT_TEMPLATES, SHORT, ESCALATING]);
}

beforeAll(async () => {
  prosody = await startTestProsody({
    accounts: USERS.map((user) => ({ user, password })),
  });
  domain = prosody.settings.domain;
  ops = prosody.settings.opsHost;
  await start();
  await Promise.all(
    USERS.map(async (user) => {
      const client = await login(prosody.settings, { user, password });
      await client.send(xml('presence'));
      clients.set(user, client);
    }),
  );
}, 120_000);
afterAll(async () => {
  await Promise.all([...clients.values()].map((x) => x.stop().catch(() => {})));
  await component?.stop();
  await prosody?.stop();
});

/** Runs `request` through both steps, as any XEP-0050 client does; returns the request id. */
async function request(
  from: string,
  template: string,
  to: Record<string, string | string[]>,
  fields: Record<string, string> = {},
): Promise<string> {
  const cmd = (attrs: Record<string, string>, x?: XmlElement) =>
    xml(
      'iq',
      { type: 'set', to: ops },
      xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.request, ...attrs }, ...(x ? [x] : [])),
    );
  const first = await exchange(c(from), cmd({ action: 'execute' }));
  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  const second = await exchange(
    c(from),
    cmd({ sessionid, action: 'next' }, submitForm({ [F.template]: template, ...to })),
  );
  expect(second.attrs.type, second.toString()).toBe('result');
  const done = await exchange(c(from), cmd({ sessionid, action: 'complete' }, submitForm(fields)), 10_000);
  expect(done.attrs.type, done.toString()).toBe('result');
  const result = done.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  return result
    .getChildren('field')
    .find((f) => f.attrs.var === 'id')!
    .getChildText('value')!;
}

const address = (id: string) => `req-${id}@${ops}`;
const fromReq = (id: string) => (el: XmlElement) => el.attrs.from === address(id);
const stateOf = (el: XmlElement) =>
  el.getChild('state', NS_REQUEST) ?? el.getChild('request', NS_REQUEST)?.getChild('state');
/** The next message from the request carrying a <state/> with this status. */
const nextState = (u: string, id: string, status: string) =>
  nextStanza(c(u), (el) => fromReq(id)(el) && el.attrs.type !== 'error' && stateOf(el)?.attrs.status === status);
const nextError = (u: string, id: string) => nextStanza(c(u), (el) => fromReq(id)(el) && el.attrs.type === 'error');
const errorOf = (el: XmlElement) => {
  const e = el.getChild('error')!;
  return {
    condition: ['forbidden', 'bad-request', 'conflict', 'item-not-found', 'not-acceptable'].find((n) =>
      e.getChild(n, NS_STANZAS),
    ),
    text: e.getChildText('text', NS_STANZAS),
  };
};
/** A bare client's typed reply. */
const say = (u: string, id: string, text: string) =>
  c(u).send(xml('message', { type: 'chat', to: address(id) }, xml('body', {}, text)));
/** The PWA's button. */
const tap = (u: string, id: string, choice: string, attrs: Record<string, string> = {}) =>
  c(u).send(
    xml(
      'message',
      { type: 'chat', to: address(id) },
      xml('body', {}, choice),
      xml('answer', { xmlns: NS_REQUEST, choice, ...attrs }),
    ),
  );
const stored = async (id: string) => (await component.store.responses.get(id))!;

describe('quick responses', () => {
  it('exclusive, to a role: 20 simultaneous accepts make exactly one winner; the others are refused and see who took it', async () => {
    const delivered = ANAESTHETISTS.map((u) => nextStanza(c(u), (el) => !!el.getChild('request', NS_REQUEST)));
    const own = nextStanza(c('doctor'), (el) => !!el.getChild('request', NS_REQUEST));
    const id = await request(
      'doctor',
      TEMPLATE_IDS.acceptPatient,
      // Sent from her chat with Kofi: her own copy names it.
      { [F.role]: 'anaesthesia', [F.chat]: jid('doc2') },
      { patient: 'Ms Lee', bed: '12' },
    );
    const copy = (await own)!;
    expect(copy.attrs).toMatchObject({ type: 'chat', from: address(id) });
    expect(copy.getChild('request', NS_REQUEST)!.attrs).toMatchObject({ id, sender: jid('doctor'), chat: jid('doc2') });
    const first = (await delivered[0])!;
    expect(first.attrs.from).toBe(address(id));
    expect(first.getChildText('body')).toContain('Reply 1 = Accept, 2 = Decline');
    expect(first.getChildren('response').map((r) => r.attrs.value)).toEqual(['accept', 'decline']);
    await Promise.all(delivered);

    const refused: XmlElement[] = [];
    for (const u of ANAESTHETISTS)
      c(u).on(
        'stanza',
        ((el: XmlElement) => fromReq(id)(el) && el.attrs.type === 'error' && refused.push(el)) as never,
      );
    const senderSees = nextState('doctor', id, 'accepted');
    await Promise.all(ANAESTHETISTS.map((u) => tap(u, id, 'accept')));
    await expect.poll(() => refused.length, { timeout: 10_000 }).toBe(19);
    for (const el of refused) {
      expect(errorOf(el).condition).toBe('conflict');
      expect(errorOf(el).text).toMatch(/^This request is closed: accepted by a\d\d at \d\d:\d\d UTC/);
    }
    const r = await stored(id);
    expect(r.status).toBe('accepted');
    expect(r.answers).toHaveLength(1);
    const state = stateOf(await senderSees)!;
    expect(state.attrs).toMatchObject({ status: 'accepted', accepted: '1', addressed: '20' });
    expect(state.getChildren('answer').map((a) => a.attrs.by)).toEqual([r.answers[0]!.by]);
  });

  it('text answers from a bare client: "1", "accept", "ACCEPT", "Decline."; unknown text says what is accepted', async () => {
    const id = await request(
      'doctor',
      TEMPLATE_IDS.acceptPatient,
      { [F.people]: [jid('a01'), jid('a02'), jid('a03')] },
      { patient: 'P' },
    );
    const unknown = nextError('a01', id);
    await say('a01', id, 'maybe later');
    expect(errorOf(await unknown)).toEqual({
      condition: 'bad-request',
      text: '"maybe later" is not an answer to this request. Reply 1 (Accept) or 2 (Decline).',
    });
    const confirmed = nextStanza(
      c('a01'),
      (el) => fromReq(id)(el) && !!el.getChildText('body')?.startsWith('Your answer: Decline'),
    );
    await say('a01', id, '2');
    await confirmed;
    const decline2 = nextStanza(
      c('a02'),
      (el) => fromReq(id)(el) && !!el.getChildText('body')?.startsWith('Your answer: Decline'),
    );
    await say('a02', id, 'Decline.');
    await decline2;
    const taken = nextState('a01', id, 'accepted');
    await say('a03', id, 'ACCEPT');
    expect((await taken).getChildText('body')).toMatch(/^Accepted by a03 at \d\d:\d\d UTC\.$/);
    expect((await stored(id)).answers.map((a) => [a.by, a.choice, a.resource !== ''])).toEqual([
      [jid('a01'), 'decline', true],
      [jid('a02'), 'decline', true],
      [jid('a03'), 'accept', true],
    ]);

    const one = await request('doctor', TEMPLATE_IDS.acceptPatient, { [F.people]: [jid('a04')] }, { patient: 'P' });
    const lower = await request('doctor', TEMPLATE_IDS.acceptPatient, { [F.people]: [jid('a05')] }, { patient: 'P' });
    const s1 = nextState('doctor', one, 'accepted');
    const s2 = nextState('doctor', lower, 'accepted');
    await say('a04', one, '1');
    await say('a05', lower, 'accept');
    await Promise.all([s1, s2]);
  });

  it('each: everyone answers; a second answer changes the first (one record), and any decline declines', async () => {
    const id = await request(
      'doctor',
      TEMPLATE_IDS.confirmAppointment,
      { [F.people]: [jid('a06'), jid('a07')] },
      { when: 'Tue 10:00' },
    );
    const first = nextStanza(c('doctor'), (el) => fromReq(id)(el) && stateOf(el)?.attrs.accepted === '1');
    await tap('a06', id, 'confirm');
    await first;
    const changed = nextStanza(c('doctor'), (el) => fromReq(id)(el) && stateOf(el)?.attrs.declined === '1');
    await tap('a06', id, 'decline');
    await changed;
    const done = nextState('doctor', id, 'declined');
    await tap('a07', id, 'confirm');
    expect(stateOf(await done)!.attrs).toMatchObject({ accepted: '1', declined: '1', addressed: '2' });
    expect((await stored(id)).answers.map((a) => [a.by, a.choice])).toEqual([
      [jid('a06'), 'decline'],
      [jid('a07'), 'confirm'],
    ]);
    const events = (await component.store.responses.audit({})).filter((e) => e.request === id).map((e) => e.event);
    expect(events).toEqual(['created', 'delivered', 'delivered', 'answered', 'changed', 'answered', 'declined']);
  });

  it('quorum of 2: open after one accept and one decline, accepted at the second accept', async () => {
    const id = await request(
      'doctor',
      TEMPLATE_IDS.requestAssistance,
      { [F.people]: [jid('a08'), jid('a09'), jid('a10')] },
      { where: 'Bay 2' },
    );
    const one = nextStanza(c('doctor'), (el) => fromReq(id)(el) && stateOf(el)?.attrs.declined === '1');
    await tap('a08', id, 'on-my-way');
    await tap('a09', id, 'cant');
    expect(stateOf(await one)!.attrs.status).toBe('pending');
    const done = nextState('doctor', id, 'accepted');
    await say('a10', id, 'on my way');
    // a08's and a09's answers come from two clients at once: either may be recorded first.
    expect(
      stateOf(await done)!
        .getChildren('answer')
        .map((a) => [a.attrs.by, a.attrs.choice])
        .sort(),
    ).toEqual([
      [jid('a08'), 'on-my-way'],
      [jid('a09'), 'cant'],
      [jid('a10'), 'on-my-way'],
    ]);
  });

  it('refuses the unaddressed, forged, unknown and malformed answers, and changes nothing', async () => {
    const id = await request('doctor', TEMPLATE_IDS.acceptPatient, { [F.people]: [jid('a11')] }, { patient: 'P' });
    const cases: [string, () => Promise<void>, string, RegExp][] = [
      ['porter', () => say('porter', id, '1'), 'forbidden', /was not sent to you/],
      // A forged answer claims to be someone else's: who answers is only ever the stanza's sender.
      ['porter', () => tap('porter', id, 'accept', { by: jid('a11') }), 'forbidden', /was not sent to you/],
      ['a11', () => tap('a11', id, 'take-it'), 'bad-request', /no choice "take-it"/],
      [
        'a11',
        () => c('a11').send(xml('message', { type: 'chat', to: address(id) }, xml('subject', {}, 'x'))),
        'bad-request',
        /needs a choice/,
      ],
    ];
    for (const [u, send, condition, text] of cases) {
      const e = nextError(u, id);
      await send();
      const got = errorOf(await e);
      expect(got.condition).toBe(condition);
      expect(got.text).toMatch(text);
    }
    const unknown = nextError('a11', 'zzzzzzzz');
    await say('a11', 'zzzzzzzz', '1');
    expect(errorOf(await unknown).condition).toBe('item-not-found');
    const r = await stored(id);
    expect([r.status, r.answers]).toEqual(['pending', []]);
  });

  it('expires on time: everyone hears it, and a late answer is refused with a text', async () => {
    const id = await request('doctor', SHORT.id, { [F.people]: [jid('a12'), jid('a13')] });
    const expired = nextState('a12', id, 'expired');
    const senderHears = nextState('doctor', id, 'expired');
    const sent = Date.now();
    await expired;
    await senderHears;
    expect(Date.now() - sent).toBeGreaterThan(1500);
    const late = nextError('a13', id);
    await say('a13', id, '1');
    const got = errorOf(await late);
    expect(got.condition).toBe('not-acceptable');
    expect(got.text).toMatch(/expired at \d\d:\d\d UTC\. Your answer was not recorded/);
    expect((await stored(id)).answers).toEqual([]);
  });

  it('escalates to the on-duty holders of a role when nobody accepts in time; they can then accept', async () => {
    const id = await request('doctor', ESCALATING.id, { [F.people]: [jid('a14')] });
    const reached = nextStanza(c('doc2'), (el) => fromReq(id)(el) && !!el.getChild('request', NS_REQUEST));
    const senderHears = nextState('doctor', id, 'escalated');
    const req = await reached;
    expect(stateOf(req)!.attrs.status).toBe('escalated');
    expect(stateOf(await senderHears)!.attrs.addressed).toBe('2');
    const done = nextState('doctor', id, 'accepted');
    await tap('doc2', id, 'accept');
    expect((await done).getChildText('body')).toMatch(/^Accepted by Dr Kofi Mensah/);
    const events = (await component.store.responses.audit({})).filter((e) => e.request === id);
    expect(events.map((e) => [e.event, e.who])).toEqual([
      ['created', jid('doctor')],
      ['delivered', jid('a14')],
      ['escalated', ''],
      ['delivered', jid('doc2')],
      ['answered', jid('doc2')],
      ['accepted', ''],
    ]);
  });

  /** `user` enters the Anaesthesia room, and the doctor asks it for assistance at `where`; the post as `user` gets it. */
  async function askInRoom(user: string, where: string) {
    const room = departmentRoom('Anaesthesia', prosody.settings.mucHost);
    const joined = nextStanza(c(user), (el) => el.name === 'presence' && (el.attrs.from ?? '') === `${room}/${user}`);
    await c(user).send(
      xml('presence', { to: `${room}/${user}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })),
    );
    await joined;
    const posted = nextStanza(c(user), (el) => el.attrs.type === 'groupchat' && !!el.getChild('request', NS_REQUEST));
    const id = await request('doctor', TEMPLATE_IDS.requestAssistance, { [F.room]: room }, { where });
    return { room, id, posted };
  }

  it('a request to a room is posted in the room; a member answers it', async () => {
    const { room, id, posted } = await askInRoom('a15', 'Theatre 2');
    const msg = await posted;
    expect(msg.getChildText('body')).toContain(`Reply here or to ${address(id)} with 1 = On my way`);
    expect(msg.getChild('request', NS_REQUEST)!.getChildText('audience')).toBe(room);
    expect(Number(stateOf(msg)!.attrs.addressed)).toBe(ANAESTHETISTS.length);
    const mine = nextStanza(
      c('a15'),
      (el) => fromReq(id)(el) && !!el.getChildText('body')?.startsWith('Your answer: On my way'),
    );
    await say('a15', id, '1');
    await mine;
    const refused = nextError('porter', id);
    await say('porter', id, '1');
    expect(errorOf(await refused).condition).toBe('forbidden');
  });

  it("a member answers a room's request by typing it in the room; other text there is chat", async () => {
    const { room, id, posted } = await askInRoom('a20', 'Theatre 4');
    await posted;
    const typed = (body: string) =>
      c('a20').send(xml('message', { type: 'groupchat', to: room }, xml('body', {}, body)));
    // Replies come in order: the first from the request's address after "2 min" is the one to "Can't".
    const first = nextStanza(c('a20'), (el) => fromReq(id)(el) && el.attrs.type === 'chat');
    await typed('2 min');
    await typed("can't!");
    expect((await first).getChildText('body')).toMatch(/^Your answer: Can't\./);
    expect((await stored(id)).answers.map((a) => [a.by, a.choice])).toEqual([[jid('a20'), 'cant']]);
  });

  it('Join the Team: an accept makes the responder a member of the team room and invites them', async () => {
    const room = departmentRoom('Wards', prosody.settings.mucHost);
    const invited = nextStanza(c('a16'), (el) => !!el.getChild('x', NS_CONFERENCE));
    const id = await request('admin', TEMPLATE_IDS.joinTeam, { [F.people]: [jid('a16')] }, { room });
    await tap('a16', id, 'join');
    expect((await invited).getChild('x', NS_CONFERENCE)!.attrs.jid).toBe(room);
    const list = await exchange(
      c('admin'),
      xml(
        'iq',
        { type: 'get', to: room },
        xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, xml('item', { affiliation: 'member' })),
      ),
    );
    expect(list.toString()).toContain(jid('a16'));
  });

  it("requests lists the caller's own; requests-export gives the audit trail as CSV (admins: everyone's)", async () => {
    const run = async (u: string, node: string) => {
      const r = await exchange(
        c(u),
        xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' })),
      );
      return r.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
    };
    const mine = await run('doctor', COMMANDS.requests);
    expect(mine.getChildren('item').length).toBeGreaterThan(5);
    expect((await run('porter', COMMANDS.requests)).getChildren('item')).toHaveLength(0);
    const csv = (u: string) =>
      run(u, COMMANDS.requestsExport).then((x) =>
        x
          .getChildren('field')
          .find((f) => f.attrs.var === 'csv')!
          .getChildren('value')
          .map((v) => v.text()),
      );
    const lines = await csv('doctor');
    expect(lines[0]).toBe('request,template,title,sender,event,who,choice,at,resource,took_ms');
    expect(lines.some((l) => /,answered,a\d\d@[^,]+,accept,[^,]+,[^,]+,\d+$/.test(l))).toBe(true);
    expect(await csv('porter')).toHaveLength(1);
    expect((await csv('admin')).length).toBeGreaterThan(lines.length);
  });

  it('purges requests older than the retention (default 365 days) with their audit, by its daily timer', async () => {
    const today = new Date().toISOString().slice(0, 10);
    await expect.poll(async () => (await component.store.timers.get(`requests-purge:${today}`))?.firedAt).toBeDefined();
    const old = new Date(Date.now() - 366 * 24 * 3600_000).toISOString();
    const kept = new Date(Date.now() - 364 * 24 * 3600_000).toISOString();
    const base = (await stored((await component.store.responses.list({ limit: 1 }))[0]!.id))!;
    await component.store.responses.create({ ...base, id: 'oldoldol', created: old, statusAt: old }, 'pwa');
    await component.store.responses.create({ ...base, id: 'keptkept', created: kept, statusAt: kept }, 'pwa');
    // The same handler the daily timer runs, due now.
    await component.scheduler.schedule({ kind: 'requests-purge', key: 'requests-purge:test', at: Date.now() });
    await expect.poll(() => component.store.responses.get('oldoldol')).toBeUndefined();
    expect(await component.store.responses.get('keptkept')).toBeDefined();
    expect((await component.store.responses.audit({})).some((e) => e.request === 'oldoldol')).toBe(false);
  });

  it('a restart between the request and the answers loses no answer', async () => {
    const id = await request(
      'doctor',
      TEMPLATE_IDS.confirmAppointment,
      { [F.people]: [jid('a17'), jid('a18')] },
      { when: 'now' },
    );
    const first = nextStanza(c('doctor'), (el) => fromReq(id)(el) && stateOf(el)?.attrs.accepted === '1');
    await tap('a17', id, 'confirm');
    await first;
    await component.stop();
    await start();
    const done = nextState('doctor', id, 'accepted');
    await tap('a18', id, 'confirm');
    expect(
      stateOf(await done)!
        .getChildren('answer')
        .map((a) => a.attrs.by),
    ).toEqual([jid('a17'), jid('a18')]);
  });

  it('a restart between the request and its expiry still expires it, on time', async () => {
    const id = await request('doctor', SHORT.id, { [F.people]: [jid('a19')] });
    const sent = Date.now();
    await component.stop();
    const expired = nextState('a19', id, 'expired');
    await start();
    await expired;
    expect(Date.now() - sent).toBeGreaterThan(2000);
    expect((await stored(id)).status).toBe('expired');
  });
});
