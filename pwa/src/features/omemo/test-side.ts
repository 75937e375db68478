// OMEMO test support: an account's side as the PWA's own code runs it (its
// OMEMO session over IndexedDB, the one inbound pipeline with the decryption
// step, the outbound encryption step), for tests against a real Prosody
// (omemo.int.test.ts, and profanity.int.test.ts with another client).
import type { RunningProsody } from '@bleep/prosody-config/runner';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { xml, type XmlElement as PwaElement } from '@xmpp/client';
import type { Incoming, InboundContext } from '../messages/inbound.ts';
import { createOutbound } from '../messages/outbound.ts';
import { createPipeline } from '../messages/pipeline.ts';
import type { Occupants } from '../rooms/occupants.ts';
import { request as ask } from '../../xmpp/iq.ts';
import { decryptStep } from './decrypt.ts';
import { fetchDevices } from './devices.ts';
import { encryptStep } from './encrypt.ts';
import { openEngine } from './engine.ts';
import { openKv } from './kv.ts';
import { plaintexts } from './plaintext.ts';
import { HeldBack } from './reasons.ts';
import type { OmemoSession } from './session.ts';

const asPwa = (el: XmlElement) => el as unknown as PwaElement;

export interface Side {
  readonly jid: string;
  readonly client: Client;
  readonly session: OmemoSession;
  readonly got: Incoming[];
  /** Every stanza that came, as it came (a copy: the decrypt step rewrites the one it is given). */
  readonly raw: PwaElement[];
  readonly pipeline: ReturnType<typeof createPipeline>;
  readonly domain: string;
}

type Hosts = Pick<RunningProsody['settings'], 'domain' | 'mucHost' | 'opsHost'>;
/** A deep copy of a stanza (the decrypt step rewrites the one it is given). */
export const copy = (el: PwaElement): PwaElement =>
  xml(el.name, { ...el.attrs }, ...el.children.map((c) => (typeof c === 'string' ? c : copy(c as PwaElement))));

/**
 * A signed-in account with this device's OMEMO session and the app's one inbound pipeline (decryption in it).
 * `rooms`: who is behind a room nick as the app knows it (rooms/occupants.ts, fed by the room's presence);
 * without it, each person's nick in a test room is taken to be their local part.
 */
export async function side(client: Client, jid: string, settings: Hosts, rooms?: Occupants): Promise<Side> {
  const kv = await openKv(jid);
  await kv.clear();
  const request = async (iq: PwaElement) => asPwa((await ask(client as never, iq)) as never);
  const engine = await openEngine(kv);
  const session: OmemoSession = {
    me: jid,
    engine,
    kv,
    plain: plaintexts(kv),
    request,
    send: (el) => client.send(el as never),
    // The app waits for its own announce; here the tests announce, and the server's list says whether it was.
    ready: async () => {
      if (!(await fetchDevices(request, jid)).includes(engine.deviceId)) throw new HeldBack('own-keys');
    },
  };
  const ctx = (): InboundContext => ({
    me: jid,
    mucHost: settings.mucHost,
    opsHost: settings.opsHost,
    ...(rooms
      ? { occupant: rooms.known, whois: rooms.whois }
      : { occupant: (_room: string, nick: string) => `${nick}@${settings.domain}` }),
  });
  const got: Incoming[] = [];
  const raw: PwaElement[] = [];
  const pipeline = createPipeline(ctx, (ev) => got.push(ev));
  pipeline.use(decryptStep(async () => session));
  client.on('stanza', ((el: XmlElement) => {
    raw.push(copy(asPwa(el)));
    pipeline.push(asPwa(el));
  }) as never);
  return { jid, client, session, got, raw, pipeline, domain: settings.domain };
}

/**
 * Sends a text as the app does: composed, encrypted as it goes out (or held back, or asking the user
 * first: a throw); `plain` when the user chose to send it unencrypted where it cannot be encrypted.
 */
export async function sendText(from: Side, to: Side | string, body: string, plain = false): Promise<PwaElement> {
  const outbound = createOutbound();
  outbound.use(
    encryptStep(
      async () => from.session,
      (jid) => jid.endsWith(`@${from.domain}`),
    ),
  );
  const target =
    typeof to === 'string' ? { jid: to, type: 'groupchat' as const } : { jid: to.jid, type: 'chat' as const };
  const content = { kind: 'text' as const, body, ...(plain && { plain }) };
  const stanza = await outbound.compose(target, content, crypto.randomUUID());
  await from.client.send(stanza as never);
  return stanza;
}

export async function until<T>(check: () => T | undefined, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 25));
  }
}
