// Department rooms on a real Prosody: the component makes one members-only
// room per department, invites staff who come online to theirs, and people of
// other departments cannot join it. When an admin edits the directory, the
// rooms follow, and a room its last person left is retired, read-only with its
// history for its former members, until the department has staff again: the
// tests run in order, each starting where the last ended.
import {
  COMMANDS,
  DIRECTORY_FIELDS as F,
  NS_CONFERENCE,
  NS_DISCO_INFO,
  NS_MUC_ADMIN,
  NS_MUC_USER,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchange, memoryLog, nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { ROOM_AUDIT } from './retire.ts';
import { departmentRoom } from './room-name.ts';
import { archiveBodies, roleIn, roomName, sayIn } from './test-retired.ts';

let h: Harness;
let nurse: Client;
let dispatcher: Client;
let admin: Client;
let ops: string;
const room = (department: string) => departmentRoom(department, h.prosody.settings.mucHost);
const log = memoryLog('info');
const jid = (user: string) => `${user}@${h.prosody.settings.domain}`;

beforeAll(async () => {
  h = await startHarness({ logger: log.logger });
  ops = h.prosody.settings.opsHost;
  nurse = await h.login('nurse');
  dispatcher = await h.login('dispatcher');
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

/** Each client's nickname in rooms: its account's local part. */
const nick = (c: Client) => c.jid!.toString().split('@')[0]!;
const joinResult = (c: Client, room: string) => {
  const answer = nextStanza(c, (el) => el.name === 'presence' && (el.attrs.from ?? '').startsWith(room));
  void c.send(xml('presence', { to: `${room}/${nick(c)}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  return answer;
};
const isRefused = (p: XmlElement) =>
  p.attrs.type === 'error' &&
  !!p.getChild('error')?.getChild('registration-required', 'urn:ietf:params:xml:ns:xmpp-stanzas');
const EMPTY = 'Nobody works in this department any more; this room is kept read-only for its history.';
const NO_VOICE = 'You do not currently have permission to speak in this chat';
const invitation = (c: Client) => nextStanza(c, (el) => !!el.getChild('x', NS_CONFERENCE));
/** The room tells an occupant it removed them because their affiliation changed (XEP-0045 §9.4: status 321). */
const removedFrom = (c: Client, room: string) =>
  nextStanza(
    c,
    (el) => el.name === 'presence' && el.attrs.from === `${room}/${nick(c)}` && el.attrs.type === 'unavailable',
  );
/** Directed presence to the component marks a client online; a ping after it makes sure it was taken. */
const online = async (c: Client) => {
  await c.send(xml('presence', { to: ops }));
  await exchange(c, xml('iq', { type: 'get', to: ops }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
};
const edit = async (user: string, name: string, roles: string[], department: string) => {
  const fields = { [F.jid]: jid(user), [F.name]: name, [F.roles]: roles, [F.department]: department };
  expect((await runCommand(admin, ops, COMMANDS.directoryEdit, fields)).attrs.type).toBe('result');
};

it('keeps every department room in step at start, the IT room of a server admin included, with no warning', () => {
  const lines = log.lines().map((l) => JSON.parse(l) as { msg: string; room?: string; level: number });
  // Prosody refuses to change a server admin's affiliation (not-acceptable); they count as owners instead.
  expect(lines.filter((l) => l.level >= 40)).toEqual([]);
  expect(lines.filter((l) => l.msg === 'department room in step').map((l) => l.room)).toEqual(
    expect.arrayContaining([room('IT'), room('Emergency'), room('Dispatch')]),
  );
});

it("invites a staff member who comes online to their department's room, and lets them in", async () => {
  const invited = invitation(nurse);
  await nurse.send(xml('presence', { to: ops }));
  const x = (await invited).getChild('x', NS_CONFERENCE)!;
  expect(x.attrs).toMatchObject({ jid: room('Emergency'), reason: 'Emergency' });
  const joined = await joinResult(nurse, x.attrs.jid!);
  expect(joined.attrs.type).toBeUndefined(); // available: in the room
});

it('keeps staff of other departments out of it', async () => {
  expect(isRefused(await joinResult(dispatcher, room('Emergency')))).toBe(true);
});

it('moves a nurse an admin puts in another department: invited there at once; the room she left last is retired', async () => {
  expect(await sayIn(nurse, room('Emergency'), 'Resus bay restocked')).toBe('');
  const invited = invitation(nurse);
  const lastWord = nextStanza(nurse, (el) => el.getChildText('body') === EMPTY);
  await edit('nurse', 'Priya Shah', ['nurse'], 'Dispatch');
  expect((await invited).getChild('x', NS_CONFERENCE)!.attrs).toMatchObject({
    jid: room('Dispatch'),
    reason: 'Dispatch',
  });
  // She was its last member: the room is retired (not destroyed), and she keeps reading it, as a visitor.
  expect((await lastWord).attrs.from).toBe(`${room('Emergency')}/Bleep`);
  await expect.poll(() => roomName(admin, room('Emergency')), { timeout: 10_000 }).toBe('Retired · Emergency');
  expect(await archiveBodies(nurse, room('Emergency'))).toEqual(['Resus bay restocked', EMPTY]);
  expect(await roleIn(nurse, room('Emergency'))).toBe('visitor');
  expect(await sayIn(nurse, room('Emergency'), 'Still here?')).toBe(NO_VOICE);
  const [retired] = await h.component.store.audit.list({ target: `room:${room('Emergency')}`, limit: 1 });
  expect(retired).toMatchObject({
    actor: jid('admin'),
    action: ROOM_AUDIT.retired,
    after: { department: 'Emergency', cause: COMMANDS.directoryEdit },
  });
  expect(JSON.stringify(retired)).not.toContain('Resus');

  expect((await joinResult(nurse, room('Dispatch'))).attrs.type).toBeUndefined();
  const echo = nextStanza(
    nurse,
    (el) => el.name === 'message' && el.attrs.from === `${room('Dispatch')}/${nick(nurse)}`,
  );
  await nurse.send(xml('message', { type: 'groupchat', to: room('Dispatch') }, xml('body', {}, 'Hello, Dispatch')));
  expect((await echo).getChildText('body')).toBe('Hello, Dispatch');
});

it("leaves a room admin's place in the old room when they move; the retired room they join comes back", async () => {
  const grant = xml(
    'iq',
    { type: 'set', to: room('Dispatch') },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation: 'admin', jid: jid('dispatcher') })),
  );
  expect((await exchange(admin, grant)).attrs.type).toBe('result');
  const removed = removedFrom(nurse, room('Emergency'));
  await edit('dispatcher', 'Dana Reyes', ['dispatcher'], 'Emergency');
  expect((await joinResult(dispatcher, room('Dispatch'))).attrs.type).toBeUndefined();
  // Emergency has staff again: its one room, writable, named again, with its history; its former member leaves it.
  expect(await roleIn(dispatcher, room('Emergency'))).toBe('participant');
  expect(await roomName(admin, room('Emergency'))).toBe('Emergency');
  expect(await sayIn(dispatcher, room('Emergency'), 'Dispatch desk here')).toBe('');
  expect(await archiveBodies(dispatcher, room('Emergency'))).toEqual(
    expect.arrayContaining(['Resus bay restocked', EMPTY, 'Dispatch desk here']),
  );
  expect(
    (await removed)
      .getChild('x', NS_MUC_USER)!
      .getChildren('status')
      .map((s) => s.attrs.code),
  ).toContain('321');
});

it('makes a members-only room for a department that an edit names first, and invites the person online', async () => {
  const newcomer = await h.login('newcomer');
  await online(newcomer);
  const invited = invitation(newcomer);
  await edit('newcomer', 'Jonas Weber', ['doctor'], 'Cardiology');
  expect((await invited).getChild('x', NS_CONFERENCE)!.attrs).toMatchObject({
    jid: room('Cardiology'),
    reason: 'Cardiology',
  });
  expect((await joinResult(newcomer, room('Cardiology'))).attrs.type).toBeUndefined();
  const info = (
    await exchange(newcomer, xml('iq', { type: 'get', to: room('Cardiology') }, xml('query', { xmlns: NS_DISCO_INFO })))
  ).getChild('query', NS_DISCO_INFO)!;
  expect(info.getChild('identity')!.attrs.name).toBe('Cardiology');
  expect(info.getChildren('feature').map((f) => f.attrs.var)).toEqual(
    expect.arrayContaining(['muc_membersonly', 'muc_persistent', 'muc_nonanonymous']),
  );
  expect(isRefused(await joinResult(nurse, room('Cardiology')))).toBe(true);

  // Taking the department away from its last person retires the room: they keep reading it, and only that.
  expect(await sayIn(newcomer, room('Cardiology'), 'ECG cart in bay 3')).toBe('');
  const lastWord = nextStanza(newcomer, (el) => el.getChildText('body') === EMPTY);
  await edit('newcomer', 'Jonas Weber', ['doctor'], '');
  await lastWord;
  await expect.poll(() => roleIn(newcomer, room('Cardiology')), { timeout: 10_000 }).toBe('visitor');
  expect(await sayIn(newcomer, room('Cardiology'), 'Hello?')).toBe(NO_VOICE);
  expect(await archiveBodies(newcomer, room('Cardiology'))).toEqual(['ECG cart in bay 3', EMPTY]);
  expect(await roomName(newcomer, room('Cardiology'))).toBe('Retired · Cardiology');
});

it('does not invite again after a restart those it invited before; a session that comes online after is invited', async () => {
  // The nurse (Dispatch) has been online, and invited, since the second test.
  const again: XmlElement[] = [];
  nurse.on('stanza', ((el: XmlElement) => el.getChild('x', NS_CONFERENCE) && again.push(el)) as never);
  await h.restartComponent();
  // The restarted component probes staff (directory/probe.ts) and hears the nurse's session answer.
  await exchange(nurse, xml('iq', { type: 'get', to: ops }, xml('ping', { xmlns: 'urn:xmpp:ping' })), 15_000);
  await new Promise((r) => setTimeout(r, 2000));
  expect(again).toEqual([]);
  // Her phone signs in now: that session is new, and gets its invitation.
  const phone = await h.login('nurse');
  const invited = invitation(phone);
  await online(phone);
  expect((await invited).getChild('x', NS_CONFERENCE)!.attrs).toMatchObject({ jid: room('Dispatch') });
  // The restart left the retired Cardiology room as it was: retired once, its last message said once.
  const records = await h.component.store.audit.list({ target: `room:${room('Cardiology')}`, limit: 10 });
  expect(records.map((r) => r.action)).toEqual([ROOM_AUDIT.retired]);
});
