// The decryption step on the app's one inbound pipeline, with real OMEMO
// sessions (Node, WebCrypto, the Signal library; IndexedDB is fake-indexeddb):
// a room message that reaches this device twice (live while joining, and from
// the room's archive) is shown as what it said, and stays so after a reload.
import 'fake-indexeddb/auto';
import { NS_FORWARD, NS_MAM, NS_MUC_USER, NS_SID } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Incoming, InboundContext } from '../messages/inbound.ts';
import { createPipeline } from '../messages/pipeline.ts';
import { encryptedMessage } from './encrypt.ts';
import { openEngine, type Engine } from './engine.ts';
import { decryptStep } from './decrypt.ts';
import { openKv, type Kv } from './kv.ts';
import { plaintexts } from './plaintext.ts';
import { UNDECRYPTABLE } from './reasons.ts';
import type { OmemoSession } from './session.ts';
import { copy } from './test-side.ts';

const AMARA = 'amara@h.example';
const JONAS = 'jonas@h.example';
const ROOM = 'ward5@conference.h.example';
const ROOM_TEXT = 'Handover at 7 in the day room';

let amara: Engine;
let jonasKv: Kv;
let jonas: Engine;

beforeEach(async () => {
  const a = await openKv(AMARA);
  jonasKv = await openKv(JONAS);
  await a.clear();
  await jonasKv.clear();
  amara = await openEngine(a);
  jonas = await openEngine(jonasKv);
  await amara.startSession({ jid: JONAS, id: jonas.deviceId }, await jonas.bundle());
});

/** Jonas's app (a page load): its pipeline with the decryption step; `known` says who is behind a room nick now. */
function jonasApp(known: Record<string, string>) {
  const session: OmemoSession = {
    me: JONAS,
    engine: jonas,
    kv: jonasKv,
    plain: plaintexts(jonasKv),
    request: async () => xml('iq', { type: 'result' }),
    send: async () => {},
    ready: async () => {},
  };
  const ctx = (): InboundContext => ({
    me: JONAS,
    mucHost: 'conference.h.example',
    opsHost: 'ops.h.example',
    occupant: (_room, nick) => known[nick] ?? '',
  });
  const got: Incoming[] = [];
  const pipeline = createPipeline(ctx, (ev) => got.push(ev));
  pipeline.use(decryptStep(async () => session));
  const shown = async (stanza: XmlElement) => {
    pipeline.push(stanza);
    await pipeline.drain();
    const c = got.at(-1)!.content;
    return c.kind === 'text' ? c.body : c.kind === 'undecryptable' ? c.reason : c.kind;
  };
  return { shown };
}

/** Amara's message as the app sends it: encrypted for Jonas's device, with its origin-id. */
async function encrypted(to: string, type: 'chat' | 'groupchat', id: string, body: string): Promise<XmlElement> {
  const e = await amara.encrypt(body, [{ jid: JONAS, id: jonas.deviceId }]);
  return encryptedMessage(xml('message', { to, type, id }, xml('origin-id', { xmlns: NS_SID, id })), e);
}

/** The room's live copy: from the nick, with the archive's stanza-id. */
function live(sent: XmlElement, archiveId: string): XmlElement {
  const m = copy(sent);
  m.attrs = { ...m.attrs, from: `${ROOM}/amara`, to: `${JONAS}/pwa` };
  m.children.push(xml('stanza-id', { xmlns: NS_SID, by: ROOM, id: archiveId }));
  return m;
}

/** The same message from the room's archive: no id attribute, the room's <x/> with the real JID last. */
function archived(sent: XmlElement, archiveId: string): XmlElement {
  const m = copy(sent);
  m.attrs = { from: `${ROOM}/amara`, type: 'groupchat' };
  m.children.push(
    xml('x', { xmlns: NS_MUC_USER }, xml('item', { jid: AMARA, affiliation: 'owner', role: 'moderator' })),
  );
  return xml(
    'message',
    { from: ROOM, to: `${JONAS}/pwa` },
    xml('result', { xmlns: NS_MAM, queryid: 'q1', id: archiveId }, xml('forwarded', { xmlns: NS_FORWARD }, m)),
  );
}

describe('a room message that reaches this device twice is decrypted once, and shown as what it said', () => {
  it('live while joining (its sender not known yet), then from the room archive; and after a reload', async () => {
    // Amara first wrote to Jonas (a prekey message; Jonas has not answered yet), then in the new room.
    const chat = await encrypted(JONAS, 'chat', 'c1', 'Bed 7 is ready for the transfer');
    const room = await encrypted(ROOM, 'groupchat', 'r1', ROOM_TEXT);
    const app = jonasApp({});
    const c = copy(chat);
    c.attrs = { ...c.attrs, from: `${AMARA}/pwa` };
    expect(await app.shown(c)).toBe('Bed 7 is ready for the transfer');
    // The live copy came while Jonas's app did not know who is behind the nick (the room did not say): it is not
    // decrypted as nobody's, which would use up her prekey on a session no later message finds.
    expect(await app.shown(live(room, 'arch-1'))).toBe(UNDECRYPTABLE['sender-unknown']);
    // The archive's copy says who sent it: read, and kept in place of the failure.
    expect(await app.shown(archived(room, 'arch-1'))).toBe(ROOM_TEXT);
    // Reloaded: the archive's copy is shown from what was kept.
    expect(await jonasApp({ amara: AMARA }).shown(archived(room, 'arch-1'))).toBe(ROOM_TEXT);
  });

  it('live, then from the archive, then a reload: never decrypted twice (a second decryption would fail)', async () => {
    const room = await encrypted(ROOM, 'groupchat', 'r2', ROOM_TEXT);
    const app = jonasApp({ amara: AMARA });
    expect(await app.shown(live(room, 'arch-2'))).toBe(ROOM_TEXT);
    expect(await app.shown(archived(room, 'arch-2'))).toBe(ROOM_TEXT);
    expect(await jonasApp({}).shown(live(room, 'arch-2'))).toBe(ROOM_TEXT);
    expect(await jonasApp({}).shown(archived(room, 'arch-2'))).toBe(ROOM_TEXT);
  });
});

describe('what is kept of a message', () => {
  it('a failure never replaces a text kept for it (another tab of the app decrypting the same copy), nor a first failure', async () => {
    const plain = plaintexts(jonasKv);
    await plain.put('arch-3', AMARA, ['r3'], { text: ROOM_TEXT });
    await plain.put('arch-3', AMARA, ['r3'], { reason: 'bad-key' });
    expect(await plain.get('arch-3', AMARA, ['r3'])).toEqual({ text: ROOM_TEXT });
    expect(await plain.get('', AMARA, ['r3'])).toEqual({ text: ROOM_TEXT });
    // A second failure does not replace the first one's reason (a message read in part, then tried again).
    await plain.put('arch-4', AMARA, ['r4'], { reason: 'bad-payload' });
    await plain.put('arch-4', AMARA, ['r4'], { reason: 'bad-key' });
    expect(await plain.get('arch-4', AMARA, ['r4'])).toEqual({ reason: 'bad-payload' });
    // And a text replaces a failure.
    await plain.put('arch-4', AMARA, ['r4'], { text: 'later' });
    expect(await plain.get('arch-4', AMARA, ['r4'])).toEqual({ text: 'later' });
  });
});
