// Issue #13 part 2: an admin renames a department. All its staff move to the
// new name at once, each change on the record with the old and the new name.
// The department keeps its room: the same address, members and history (read
// back from Prosody's archive), only its name changes, and an alarm preset
// that names the room still reaches its people. A new name that is already a
// department's merges the two: the people move to that room, and theirs is
// retired, read-only with its history, saying where the conversation goes on.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as A,
  ALARM_RAISED_FIELDS as RAISED,
  COMMANDS,
  DIRECTORY_FIELDS as F,
  NS_COMMANDS,
  NS_CONFERENCE,
  NS_DATA,
  NS_MUC_ADMIN,
  NS_MUC_USER,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_PRESETS } from '../alarms/defaults.ts';
import { departmentRoom } from '../rooms/room-name.ts';
import { ROOM_AUDIT } from '../rooms/retire.ts';
import { archiveBodies, roleIn, roomName as nameAsSeen, sayIn } from '../rooms/test-retired.ts';
import {
  errorTextOf,
  exchange,
  nextStanza,
  noteOf,
  runCommand,
  startHarness,
  xml,
  type Harness,
} from '../test-support.ts';

const colleague = {
  user: 'colleague',
  password: 'colleague-password-1',
  name: 'Cole League',
  roles: ['nurse'],
  department: 'Emergency',
};
let h: Harness;
let admin: Client;
let ops: string;
let domain: string;

beforeAll(async () => {
  h = await startHarness({ staff: [colleague] });
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  admin = await h.login('admin');
});
afterAll(() => h?.stop());

const room = (department: string) => departmentRoom(department, h.prosody.settings.mucHost);
const rename = (from: string, to: string) =>
  runCommand(admin, ops, COMMANDS.directoryRenameDepartment, { [F.department]: from, [F.newDepartment]: to });
const members = async (r: string) => {
  const iq = xml(
    'iq',
    { type: 'get', to: r },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation: 'member' })),
  );
  const reply = await exchange(admin, iq);
  if (reply.attrs.type !== 'result') return reply.attrs.type;
  return reply
    .getChild('query', NS_MUC_ADMIN)!
    .getChildren('item')
    .map((i) => i.attrs.jid!)
    .sort();
};

const roomName = (r: string) => nameAsSeen(admin, r);

it(
  'renames a department for all its staff at once; its room keeps its address, members and history, with the new name',
  {
    timeout: 30_000,
  },
  async () => {
    const nurse = await h.login('nurse');
    await nurse.send(xml('presence', { to: ops }));
    const ward = (await nextStanza(nurse, (el) => !!el.getChild('x', NS_CONFERENCE))).getChild('x', NS_CONFERENCE)!
      .attrs.jid!;
    expect(ward).toBe(room('Emergency'));
    // The nurse is in the room and writes in it before the rename.
    const inside = nextStanza(nurse, (el) => el.name === 'presence' && el.attrs.from === `${ward}/nurse`);
    await nurse.send(xml('presence', { to: `${ward}/nurse` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
    await inside;
    const echoed = nextStanza(
      nurse,
      (el) => el.name === 'message' && el.getChildText('body') === 'Bed 4 needs a porter',
    );
    await nurse.send(xml('message', { type: 'groupchat', to: ward }, xml('body', {}, 'Bed 4 needs a porter')));
    await echoed;
    await h.component.store.presets.edit(
      {
        ...DEFAULT_PRESETS[0]!,
        id: 'ward-call',
        name: 'Ward call',
        responders: { roles: [], people: [], rooms: [ward], onDutyOnly: false },
        ack: [],
        ladder: [],
      },
      { id: 'ward-call', at: new Date().toISOString(), actor: 'test', action: 'test' },
    );
    const renamedNote = nextStanza(
      nurse,
      (el) =>
        el.attrs.from === ward &&
        !!el
          .getChild('x', NS_MUC_USER)
          ?.getChildren('status')
          .some((s) => s.attrs.code === '104'),
    );
    let invitedAgain = false;
    nurse.on('stanza', ((el: XmlElement) => void (invitedAgain ||= !!el.getChild('x', NS_CONFERENCE))) as never);

    expect(noteOf(await rename('Emergency', 'Emergency Medicine'))).toBe(
      'Renamed Emergency to Emergency Medicine for 2 people.',
    );
    const staff = await h.component.store.directory.list();
    expect(
      staff
        .filter((e) => e.department === 'Emergency Medicine')
        .map((e) => e.jid)
        .sort(),
    ).toEqual([`colleague@${domain}`, `nurse@${domain}`]);
    expect(staff.some((e) => e.department === 'Emergency')).toBe(false);
    // The room tells its occupants its configuration changed (XEP-0045 §10.2.1), and says its new name.
    await renamedNote;
    expect(await roomName(ward)).toBe('Emergency Medicine');
    expect(await h.component.store.departmentRooms.get('Emergency Medicine')).toBe(ward);
    expect(await members(ward)).toEqual([`colleague@${domain}`, `nurse@${domain}`]);
    expect(await archiveBodies(nurse, ward)).toEqual(['Bed 4 needs a porter']);
    // No room under the new name's address, and the nurse was not sent to another room.
    expect(await members(room('Emergency Medicine'))).toBe('error');
    expect(invitedAgain).toBe(false);

    // The preset names the room by its address, which stayed: the alarm reaches its two members.
    const dispatcher = await h.login('dispatcher');
    const raised = await runCommand(dispatcher, ops, ALARM_COMMANDS.alarm, { [A.preset]: 'ward-call' });
    const fields = raised.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!.getChildren('field');
    expect(fields.find((f) => f.attrs.var === RAISED.alerted)?.getChildText('value')).toBe('2');

    const [last] = await h.component.store.audit.list({ target: `nurse@${domain}`, limit: 1 });
    expect(last).toMatchObject({
      actor: `admin@${domain}`,
      action: COMMANDS.directoryRenameDepartment,
      before: { department: 'Emergency' },
      after: { department: 'Emergency Medicine' },
    });
  },
);

it(
  'keeps the room under its new name after the component restarts, and gives the old name a room of its own',
  {
    timeout: 30_000,
  },
  async () => {
    const ward = room('Emergency');
    await h.restartComponent();
    await expect.poll(() => roomName(ward), { timeout: 10_000 }).toBe('Emergency Medicine');
    expect(await members(ward)).toEqual([`colleague@${domain}`, `nurse@${domain}`]);
    // A new department called Emergency again: the old name's address is the renamed department's, so it gets another.
    expect(
      noteOf(
        await runCommand(admin, ops, COMMANDS.directoryEdit, {
          [F.jid]: `colleague@${domain}`,
          [F.name]: 'Cole League',
          [F.roles]: ['nurse'],
          [F.department]: 'Emergency',
          [F.extension]: '',
        }),
      ),
    ).toBe('Saved Cole League.');
    const fresh = await h.component.store.departmentRooms.get('Emergency');
    expect(fresh).toMatch(/^dept-emergency-[0-9a-f]{8}-[0-9a-f]{8}@/);
    await expect.poll(() => members(fresh!), { timeout: 10_000 }).toEqual([`colleague@${domain}`]);
    await expect.poll(() => members(ward), { timeout: 10_000 }).toEqual([`nurse@${domain}`]);
    expect(await roomName(fresh!)).toBe('Emergency');
  },
);

it('refuses a department nobody works in, and a new name with a control character', async () => {
  expect(errorTextOf(await rename('Nowhere', 'Somewhere'))).toBe('Nobody works in a department called "Nowhere".');
  expect(errorTextOf(await rename('Dispatch', 'Dis\u202epatch'))).toMatch(/^The new name has problems: Department: /);
  expect((await h.component.store.directory.get(`dispatcher@${domain}`))?.department).toBe('Dispatch');
});

const MERGED = "This department was merged into Emergency Medicine; continue in Emergency Medicine's room.";

it(
  'merges a department into one that exists: its people move to that room, and its own room is retired, read-only with its history',
  {
    timeout: 30_000,
  },
  async () => {
    const ward = room('Emergency');
    const fresh = (await h.component.store.departmentRooms.get('Emergency'))!;
    // The colleague writes in the new Emergency's room before the merge.
    const colleagueClient = await h.login('colleague');
    expect(await roleIn(colleagueClient, fresh)).toBe('participant');
    expect(await sayIn(colleagueClient, fresh, 'Cubicle 2 cleaned')).toBe('');
    const lastWord = nextStanza(colleagueClient, (el) => el.getChildText('body') === MERGED);

    expect(noteOf(await rename('Emergency', 'Emergency Medicine'))).toBe(
      'Renamed Emergency to Emergency Medicine for 1 person.',
    );
    await expect.poll(() => members(ward), { timeout: 10_000 }).toEqual([`colleague@${domain}`, `nurse@${domain}`]);
    expect(await h.component.store.departmentRooms.get('Emergency Medicine')).toBe(ward);
    expect(await roomName(ward)).toBe('Emergency Medicine');
    // The merged-away room is still there, still the old department's, said to be retired, and where to go.
    await lastWord;
    await expect.poll(() => roomName(fresh), { timeout: 10_000 }).toBe('Retired · Emergency');
    expect(await h.component.store.departmentRooms.get('Emergency')).toBe(fresh);
    expect(await members(fresh)).toEqual([`colleague@${domain}`]);
    // Its former member reads its history and the last message, and may no longer write in it.
    expect(await archiveBodies(colleagueClient, fresh)).toEqual(['Cubicle 2 cleaned', MERGED]);
    expect(await roleIn(colleagueClient, fresh)).toBe('visitor');
    expect(await sayIn(colleagueClient, fresh, 'Anyone here?')).toBe(
      'You do not currently have permission to speak in this chat',
    );
    // …and writes in the room the department was merged into.
    expect(await roleIn(colleagueClient, ward)).toBe('participant');
    expect(await sayIn(colleagueClient, ward, 'Moved over')).toBe('');
    // The audit log says who caused it and how, never what was said.
    const [retired] = await h.component.store.audit.list({ target: `room:${fresh}`, limit: 1 });
    expect(retired).toMatchObject({
      actor: `admin@${domain}`,
      action: ROOM_AUDIT.retired,
      after: {
        department: 'Emergency',
        mergedInto: 'Emergency Medicine',
        cause: COMMANDS.directoryRenameDepartment,
      },
    });
    expect(JSON.stringify(retired)).not.toContain('Cubicle');
  },
);

it('gives a merged-away department that gets staff again its old room back, writable, and no second room', async () => {
  const fresh = (await h.component.store.departmentRooms.get('Emergency'))!;
  const colleagueClient = await h.login('colleague');
  const reopened = nextStanza(colleagueClient, (el) => /has staff again/.test(el.getChildText('body') ?? ''));
  await runCommand(admin, ops, COMMANDS.directoryEdit, {
    [F.jid]: `colleague@${domain}`,
    [F.name]: 'Cole League',
    [F.roles]: ['nurse'],
    [F.department]: 'Emergency',
    [F.extension]: '',
  });
  await expect.poll(() => roomName(fresh), { timeout: 10_000 }).toBe('Emergency');
  expect(await h.component.store.departmentRooms.get('Emergency')).toBe(fresh);
  expect(await roleIn(colleagueClient, fresh)).toBe('participant');
  expect(await sayIn(colleagueClient, fresh, 'Back again')).toBe('');
  expect((await reopened).getChildText('body')).toBe('Emergency has staff again; this room is open again.');
  expect(await archiveBodies(colleagueClient, fresh)).toEqual(
    expect.arrayContaining(['Cubicle 2 cleaned', MERGED, 'Back again']),
  );
});
