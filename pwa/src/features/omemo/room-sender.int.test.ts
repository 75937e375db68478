// A live OMEMO room message from an occupant whose real JID the app did not
// know when it came (issue #11), through a real Prosody. The room hid its
// members' JIDs when Priya came in, then its owner made it non-anonymous
// (status 172): Prosody sends nobody's presence again, so Priya's app knew
// Paul's nick only. It must still read his message as his, live, from what
// the room says (its occupant list, asked again), never from the nick.
import 'fake-indexeddb/auto';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login } from '@bleep/prosody-config/test-client';
import { xml, type XmlElement as PwaElement } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configureIq, joinPresence, memberIq, parseConfigChange, parseOccupant, roomConfigIq } from '../rooms/codec.ts';
import { createOccupants } from '../rooms/occupants.ts';
import { announce } from './devices.ts';
import { side, sendText, until, type Side } from './test-side.ts';

const PEOPLE = [
  { user: 'dispatcher', password: 'dispatcher-password-1' },
  { user: 'nurse', password: 'nurse-password-1' },
  { user: 'porter', password: 'porter-password-1' },
];
const TEXT = 'Bed 12 is being moved to theatre now';

let prosody: RunningProsody;
let dana: Side;
let priya: Side;
let paul: Side;
/** Priya's app's record of who is behind each nick, as the rooms feature keeps it. */
const priyasRooms: Record<string, Record<string, string>> = {};

/** The owner's form: who may see the members' real JIDs. */
const whoisIq = (room: string, who: 'moderators' | 'anyone') => roomConfigIq(room, { 'muc#roomconfig_whois': who });

beforeAll(async () => {
  // As in omemo.int.test.ts: the curve library's Node build aborts on xmpp.js's handled-late rejections.
  for (const l of process.listeners('unhandledRejection')) if (l.name === 'abort') process.off('unhandledRejection', l);
  prosody = await startTestProsody({ accounts: PEOPLE });
  const s = prosody.settings;
  const [d, p, o] = await Promise.all(PEOPLE.map((a) => login(s, a)));
  for (const c of [d!, p!, o!]) await c.send(xml('presence') as never);
  // Priya's app: the room's presence and configuration changes go to the rooms feature's occupant record.
  const rooms = createOccupants(
    (room) => (priyasRooms[room] ??= {}),
    (room, nick) => void p!.send(joinPresence(room, nick) as never),
  );
  p!.on('stanza', ((el: PwaElement) => {
    const occ = parseOccupant(el, s.mucHost);
    if (occ) rooms.seen(occ);
    const changed = parseConfigChange(el, s.mucHost);
    if (changed) rooms.stale(changed);
  }) as never);
  dana = await side(d!, `dispatcher@${s.domain}`, s);
  priya = await side(p!, `nurse@${s.domain}`, s, rooms);
  paul = await side(o!, `porter@${s.domain}`, s);
  for (const x of [dana, priya, paul]) await announce(x.session.request, x.session.engine, x.jid);
}, 60_000);

afterAll(async () => {
  await Promise.all([dana, priya, paul].map((s) => s?.client.stop().catch(() => {})));
  await prosody?.stop();
});

async function enter(s: Side, room: string): Promise<void> {
  const nick = s.jid.split('@')[0]!;
  const self = until(() => s.raw.find((el) => el.name === 'presence' && el.attrs.from === `${room}/${nick}`));
  await s.client.send(joinPresence(room, nick) as never);
  await self;
}

describe('a live room message from an occupant not known yet', () => {
  it('is read as its sender’s once the room says who it is, after the room stopped hiding JIDs', async () => {
    const room = `omemo-handover@${prosody.settings.mucHost}`;
    await enter(dana, room);
    await dana.session.request(configureIq(room, 'Handover'));
    await dana.session.request(memberIq(room, priya.jid));
    await dana.session.request(memberIq(room, paul.jid));
    await dana.session.request(whoisIq(room, 'moderators'));
    await enter(paul, room);
    await enter(priya, room);
    // Priya is no moderator: the room showed her Paul's nick, not who he is.
    expect(priyasRooms[room]).toMatchObject({ porter: '' });

    await dana.session.request(whoisIq(room, 'anyone'));
    const sent = await sendText(paul, room, TEXT);
    expect(sent.toString()).not.toContain('theatre');
    const got = await until(() => priya.got.find((e) => e.type === 'groupchat' && e.nick === 'porter'));
    expect(got).toMatchObject({ from: paul.jid, security: 'encrypted', content: { kind: 'text', body: TEXT } });
    // And the room's answer is what the app knows of him now.
    expect(priyasRooms[room]).toMatchObject({ porter: paul.jid });
  });
});
