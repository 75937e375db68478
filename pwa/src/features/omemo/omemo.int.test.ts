// OMEMO through a real Prosody (SQLite, and PostgreSQL as int-pg), with the
// PWA's own steps: devices announced on PEP (a node left with another access
// model is reconfigured), a message encrypted as it goes out, decrypted once
// by the one inbound pipeline and answered with a key-transport message, read
// again from the archive without a second decryption, and — at rest — the
// server's archive holds the ciphertext and never the words.
import 'fake-indexeddb/auto';
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import { NODE_OMEMO_DEVICES, NS_OMEMO } from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login } from '@bleep/prosody-config/test-client';
import { xml } from '@xmpp/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mamQuery } from '../messages/mam.ts';
import { announce, fetchDevices } from './devices.ts';
import { publishIq } from '../../xmpp/pep.ts';
import { CANNOT, HELD } from './reasons.ts';
import { configureIq, joinPresence, memberIq, roomConfigIq } from '../rooms/codec.ts';
import { side, sendText, until, type Side } from './test-side.ts';

const PEOPLE = [
  { user: 'dispatcher', password: 'dispatcher-password-1' },
  { user: 'nurse', password: 'nurse-password-1' },
  { user: 'porter', password: 'porter-password-1' },
];
const SECRET = 'Patient in bed 4: potassium 6.8, repeat ECG now';
const ROOM_SECRET = 'Bed 9 needs the spare ventilator';
/** Written to a room that cannot be encrypted: goes in the clear, as its room-level line says. */
const OPEN_ROOM_TEXT = 'Tea in the staff room at 3';
/** Written while encryption could not be decided yet: must never reach the server in the clear. */
const HELD_SECRET = 'Bed 2 is HIV positive, gloves on';

let prosody: RunningProsody;
let domain = '';
let dana: Side;
let priya: Side;
let paul: Side;

beforeAll(async () => {
  // The curve library's emscripten code, on Node, aborts the process on any
  // unhandled rejection. xmpp.js's iqCaller leaves one when an error answer
  // comes before its send() resolved (it is handled a moment later): harmless
  // in a browser, fatal to this test's worker. Only Node has that listener.
  for (const l of process.listeners('unhandledRejection')) if (l.name === 'abort') process.off('unhandledRejection', l);
  prosody = await startTestProsody({ accounts: PEOPLE });
  domain = prosody.settings.domain;
  const [d, p, o] = await Promise.all(PEOPLE.map((a) => login(prosody.settings, a)));
  for (const c of [d!, p!, o!]) await c.send(xml('presence') as never);
  dana = await side(d!, `dispatcher@${domain}`, prosody.settings);
  priya = await side(p!, `nurse@${domain}`, prosody.settings);
  paul = await side(o!, `porter@${domain}`, prosody.settings);
}, 60_000);

afterAll(async () => {
  await Promise.all([dana, priya, paul].map((s) => s?.client.stop().catch(() => {})));
  await prosody?.stop();
});

describe('OMEMO 0.3 through Prosody', () => {
  it('announces each device openly, reconfiguring a device list node left with another access model', async () => {
    // Another client made Priya's device-list node readable by contacts only.
    const list = xml('list', { xmlns: NS_OMEMO }, xml('device', { id: '4242' }));
    await priya.session.request(publishIq(NODE_OMEMO_DEVICES, 'current', list, { 'pubsub#access_model': 'presence' }));
    // Dana cannot read it: that is not "Priya has no devices" (issue #11), and nothing goes in the clear.
    await expect(fetchDevices(dana.session.request, priya.jid)).rejects.toBeDefined();
    // Dana's own keys are not published yet: the message waits.
    await expect(sendText(dana, priya, HELD_SECRET)).rejects.toThrow(HELD['own-keys']);
    await announce(dana.session.request, dana.session.engine, dana.jid);
    // Published; but Priya's list cannot be read: it still waits, never in the clear.
    await expect(sendText(dana, priya, HELD_SECRET)).rejects.toThrow(HELD['devices-unknown']);
    await announce(priya.session.request, priya.session.engine, priya.jid);
    // Paul's app never announced a device: the server says so (item-not-found, not forbidden, though he is
    // not Dana's contact: prosody/modules/mod_bleep_omemo_pep.lua): the message asks Dana first (issue #11),
    // and goes as it is once she chose to send it unencrypted.
    expect(await fetchDevices(dana.session.request, paul.jid)).toEqual([]);
    await expect(sendText(dana, paul, 'Porter to bed 3 please')).rejects.toThrow(CANNOT['no-devices']);
    const first = await sendText(dana, paul, 'Porter to bed 3 please', true);
    expect(first.getChild('encrypted', NS_OMEMO)).toBeUndefined();
    // So does an empty list, readable by all.
    const none = xml('list', { xmlns: NS_OMEMO });
    await paul.session.request(publishIq(NODE_OMEMO_DEVICES, 'current', none, { 'pubsub#access_model': 'open' }));
    await expect(sendText(dana, paul, 'Porter to bed 7 please')).rejects.toThrow(CANNOT['no-devices']);
    const open = await sendText(dana, paul, 'Porter to bed 7 please', true);
    expect(open.getChild('encrypted', NS_OMEMO)).toBeUndefined();
    expect(open.getChildText('body')).toBe('Porter to bed 7 please');
    // Open now, and her other device is kept.
    expect(await fetchDevices(dana.session.request, priya.jid)).toEqual([4242, priya.session.engine.deviceId]);
    expect(await fetchDevices(priya.session.request, dana.jid)).toEqual([dana.session.engine.deviceId]);
  });

  it('sends encrypted, decrypts once, answers the prekey message, and the next message needs no prekey', async () => {
    const sent = await sendText(dana, priya, SECRET);
    expect(sent.getChild('encrypted', NS_OMEMO)).toBeDefined();
    expect(sent.toString()).not.toContain('potassium');
    const ev = await until(() => priya.got.find((e) => e.content.kind === 'text'));
    expect(ev).toMatchObject({ from: dana.jid, security: 'encrypted', content: { kind: 'text', body: SECRET } });

    // Priya's app answered the prekey message (§4.6): Dana's next message is a normal one.
    const answer = await until(() => dana.raw.find((el) => el.getChild('encrypted', NS_OMEMO)));
    expect(answer.getChild('encrypted', NS_OMEMO)!.getChild('payload')).toBeUndefined();
    await dana.pipeline.drain();
    const next = await sendText(dana, priya, 'second');
    const keys = next.getChild('encrypted', NS_OMEMO)!.getChild('header')!.getChildren('key');
    expect(keys.find((k) => k.attrs.rid === String(priya.session.engine.deviceId))?.attrs.prekey).toBeUndefined();
    await until(() => priya.got.find((e) => e.content.kind === 'text' && e.content.body === 'second'));
  });

  it('shows the archive from what was decrypted before (never twice), for both sides', async () => {
    const page = async (s: Side) => {
      const queryid = crypto.randomUUID();
      const before = s.got.length;
      await s.client.iqCaller.request(
        mamQuery({ queryid, max: 20, with: s === dana ? priya.jid : dana.jid }) as never,
        10_000,
      );
      await s.pipeline.drain();
      return s.got.slice(before).filter((e) => e.queryid === queryid && e.content.kind !== 'chatstate');
    };
    const priyas = await page(priya);
    expect(priyas.map((e) => (e.content.kind === 'text' ? e.content.body : e.content.kind))).toEqual([
      SECRET,
      'second',
    ]);
    expect(priyas.every((e) => e.security === 'encrypted')).toBe(true);
    // Dana's own messages were not encrypted for her device: they are shown from what she kept as they went.
    const danas = await page(dana);
    expect(danas.map((e) => (e.content.kind === 'text' ? e.content.body : e.content.kind))).toEqual([SECRET, 'second']);
    expect(danas.every((e) => e.mine)).toBe(true);
  });

  it('in a members-only room: encrypted for every device of every member, present or not', async () => {
    await announce(paul.session.request, paul.session.engine, paul.jid);
    const room = `omemo-ward@${prosody.settings.mucHost}`;
    const enter = async (s: Side) => {
      const nick = s.jid.split('@')[0]!;
      const self = until(() => s.raw.find((el) => el.name === 'presence' && el.attrs.from === `${room}/${nick}`));
      await s.client.send(joinPresence(room, nick) as never);
      return self;
    };
    await enter(dana);
    await dana.session.request(configureIq(room, 'OMEMO ward'));
    await dana.session.request(memberIq(room, priya.jid));
    await dana.session.request(memberIq(room, paul.jid));
    await enter(priya);

    const sent = await sendText(dana, room, ROOM_SECRET);
    const keys = sent.getChild('encrypted', NS_OMEMO)!.getChild('header')!.getChildren('key');
    // Paul is a member but not in the room: his device has a key too.
    expect(keys.map((k) => Number(k.attrs.rid)).sort()).toEqual(
      [priya.session.engine.deviceId, paul.session.engine.deviceId].sort(),
    );
    const ev = await until(() => priya.got.find((e) => e.content.kind === 'text' && e.type === 'groupchat'));
    expect(ev).toMatchObject({ from: dana.jid, security: 'encrypted', content: { body: ROOM_SECRET } });

    // Paul reads it later from the room's archive.
    await enter(paul);
    const queryid = crypto.randomUUID();
    await paul.client.iqCaller.request(mamQuery({ queryid, max: 20, to: room }) as never, 10_000);
    await paul.pipeline.drain();
    expect(paul.got.filter((e) => e.queryid === queryid).map((e) => e.content)).toEqual([
      { kind: 'text', body: ROOM_SECRET },
    ]);
  });

  it('in a room its owner made open: the room cannot be encrypted, so the message goes as it is', async () => {
    const room = `omemo-ward@${prosody.settings.mucHost}`;
    const open = roomConfigIq(room, { 'muc#roomconfig_membersonly': '0' });
    await dana.session.request(open);
    // The owner still gets the member lists: only the room's features say it is open now.
    const sent = await sendText(dana, room, OPEN_ROOM_TEXT);
    expect(sent.getChild('encrypted', NS_OMEMO)).toBeUndefined();
    expect(sent.getChildText('body')).toBe(OPEN_ROOM_TEXT);
    const ev = await until(() => priya.got.find((e) => e.content.kind === 'text' && e.content.body === OPEN_ROOM_TEXT));
    expect(ev.security).toBe('plain');
  });

  it('at rest: the archive holds the ciphertext, never the words', async () => {
    const rows = await archiveRows();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.includes(NS_OMEMO))).toBe(true);
    for (const r of rows) {
      expect(r).not.toContain('potassium');
      expect(r).not.toContain('second');
      expect(r).not.toContain('ventilator');
      expect(r).not.toContain('HIV positive');
    }
  });
});

/** Every message Prosody's mod_mam stored, as text, from the storage this suite runs on. */
async function archiveRows(): Promise<string[]> {
  const s = prosody.settings;
  if (s.storage.kind === 'sqlite') {
    const db = new DatabaseSync(join(s.dataDir, 'prosody.sqlite'), { readOnly: true, timeout: 5_000 });
    try {
      const rows = db.prepare(`SELECT "value" FROM "prosodyarchive" WHERE "store" = 'archive'`).all();
      return rows.map((r) => String(r.value));
    } finally {
      db.close();
    }
  }
  const c = new pg.Client({ connectionString: s.storage.url });
  await c.connect();
  try {
    const r = await c.query(`SELECT "value" FROM "prosodyarchive" WHERE "store" = 'archive'`);
    return r.rows.map((row: { value: string }) => String(row.value));
  } finally {
    await c.end();
  }
}
