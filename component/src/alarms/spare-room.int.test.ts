// Spare incident rooms (spare-rooms.ts) on a real Prosody (SQLite, and
// PostgreSQL in int-pg): a spare is ready before any alarm and hidden from
// everyone; an alarm takes it (the raised room is the spare, renamed), its
// door closes on non-responders like any incident room's, and a new spare is
// made after. A spare that vanished without the component hearing of it is
// made again (room-ready.ts) and every responder still gets the alarm, once.
// The tests run in order, each starting where the last ended.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as F,
  ALARM_RAISED_FIELDS as R,
  NS_ALARM,
  NS_COMMANDS,
  NS_DATA,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../service.ts';
import { exchange, runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { leavePresence, selfPresence } from '../xmpp/muc-stanzas.ts';
import type { Muc } from '../xmpp/muc.ts';
import type { Element } from '../xmpp/xml.ts';
import { checkIncidentRoom } from './test-room.ts';
import { responders } from './test-staff.ts';

const RESPONDERS = ['anaes', 'nurse2', 'doctor'];

/** The component's hand on the MUC: every room it joins, in order; and a way to lose a room without it hearing. */
let muc: Muc;
let send: (el: Element) => void;
const joined: string[] = [];
/** Rooms whose "you left" presence the component is not shown. */
const unheard = new Set<string>();
const hand: Service = {
  name: 'test-spare-hand',
  register: (ctx) => {
    ({ muc, send } = ctx);
    const join = muc.join.bind(muc);
    muc.join = (room) => (joined.push(room), join(room));
    const onPresence = muc.onPresence;
    (muc as { onPresence: Muc['onPresence'] }).onPresence = (p) => {
      const self = selfPresence(p);
      return self?.left && unheard.has(self.room) ? true : onPresence(p);
    };
  },
};

/** The spare ready now: the last alarm room the component joined and is in. */
const spare = () => joined.filter((r) => r.startsWith('alarm-') && muc.isIn(r)).at(-1);

let h: Harness;
const c: Record<string, Client> = {};

beforeAll(async () => {
  h = await startHarness({ staff: responders(['nurse3']), services: [hand] });
  for (const u of ['nurse', 'dispatcher', ...RESPONDERS]) {
    c[u] = await h.login(u);
    await c[u]!.send(xml('presence'));
  }
});
afterAll(() => h?.stop());

const disco = (cl: Client, to: string, ns: string) =>
  exchange(cl, xml('iq', { type: 'get', to }, xml('query', { xmlns: ns })));

/** Raises Code Blue at `place`; resolves with the raised room once every responder has its alarm (and no second one). */
async function raise(place: string): Promise<string> {
  const got: Record<string, XmlElement[]> = {};
  const listeners = RESPONDERS.map(
    (u) => [u, (el: XmlElement) => void (el.getChild('alarm', NS_ALARM) && (got[u] ??= []).push(el))] as const,
  );
  for (const [u, f] of listeners) c[u]!.on('stanza', f as never);
  const reply = await runCommand(c.nurse!, h.prosody.settings.opsHost, ALARM_COMMANDS.alarm, {
    [F.preset]: 'code-blue',
    [F.location]: place,
  });
  expect(reply.attrs.type).toBe('result');
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  const room = x
    .getChildren('field')
    .find((f) => f.attrs.var === R.room)!
    .getChildText('value')!;
  await expect.poll(() => RESPONDERS.every((u) => got[u]?.length), { timeout: 5000 }).toBe(true);
  await new Promise((r) => setTimeout(r, 500));
  for (const [u, f] of listeners) c[u]!.removeListener('stanza', f as never);
  for (const u of RESPONDERS) expect(got[u]!.map((el) => el.attrs.from)).toEqual([room]);
  return room;
}

it('has a spare room ready before any alarm, hidden; the alarm takes it, closes it to non-responders, and a new one is made', async () => {
  await expect.poll(spare, { timeout: 5000 }).toBeDefined();
  const ready = spare()!;
  const listed = (await disco(c.dispatcher!, h.prosody.settings.mucHost, NS_DISCO_ITEMS))
    .getChild('query', NS_DISCO_ITEMS)!
    .getChildren('item')
    .map((i) => i.attrs.jid);
  expect(listed).not.toContain(ready);

  const room = await raise('Ward 1');
  expect(room).toBe(ready);
  await checkIncidentRoom(c.anaes!, c.dispatcher!, room, 'Ward 1');
  await expect.poll(spare, { timeout: 5000 }).not.toBe(ready);
});

it('a spare that vanished without the component hearing of it is made again: every responder gets the alarm once', async () => {
  await expect.poll(spare, { timeout: 5000 }).toBeDefined();
  const lost = spare()!;
  // The component's occupant leaves; Prosody removes the empty temporary room; the component is not told.
  unheard.add(lost);
  send(leavePresence(muc.jid, lost));
  const gone = async () =>
    !!(await disco(c.dispatcher!, lost, NS_DISCO_INFO)).getChild('error')?.getChild('item-not-found');
  await expect.poll(gone).toBe(true);
  expect(muc.isIn(lost)).toBe(true);

  const room = await raise('Ward 2');
  expect(room).toBe(lost);
  await checkIncidentRoom(c.anaes!, c.dispatcher!, room, 'Ward 2');
});
