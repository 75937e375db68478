// This device's OMEMO 0.3: its keys, its sessions with other devices, and
// encrypting and decrypting one message. The Signal ratchet and curve are the
// library's (@privacyresearch/libsignal-protocol-typescript, GPL-3.0-only);
// this file only feeds it. Loaded lazily (index.ts), with the library.
import {
  KeyHelper,
  SessionBuilder,
  SessionCipher,
  setWebCrypto,
  SignalProtocolAddress,
} from '@privacyresearch/libsignal-protocol-typescript';
import type { Encrypted, EncryptedKey } from './codec.ts';
import type { Kv } from './kv.ts';
import { libraryCrypto } from './library-crypto.ts';
import { keyTransport, open, seal } from './payload.ts';
import type { Bundle, PublicPreKey } from './pep.ts';
import type { Undecryptable } from './reasons.ts';
import { signalStore } from './signal-store.ts';

export interface Device {
  readonly jid: string;
  readonly id: number;
}

export type Decrypted =
  | {
      readonly ok: true;
      /** Undefined for a key-transport or heartbeat message. */
      readonly text: string | undefined;
      /** The bundle lost a one-time prekey and has a new one: publish it again. */
      readonly bundleChanged: boolean;
      /** §4.6: answer with a key-transport message (a new session, or a heartbeat is due). */
      readonly answer: boolean;
    }
  | { readonly ok: false; readonly reason: Undecryptable };

export interface Engine {
  readonly deviceId: number;
  /** ISO 8601: when this device's keys were made (older messages were never encrypted for it). */
  readonly since: string;
  bundle(): Promise<Bundle>;
  hasSession(d: Device): Promise<boolean>;
  /** X3DH with one of the device's published prekeys (§4.4). */
  startSession(d: Device, b: Bundle): Promise<void>;
  /** One message (a key-transport message when `text` is undefined) for every device that has a session. */
  encrypt(text: string | undefined, devices: readonly Device[]): Promise<Encrypted>;
  decrypt(from: string, e: Encrypted, at?: string): Promise<Decrypted>;
  /** The identity key a device used (its fingerprint), once a session exists. */
  identityOf(d: Device): Promise<Uint8Array | undefined>;
  ownIdentity(): Promise<Uint8Array>;
}

/** §4.3: "a client SHOULD publish at least 20 prekeys"; Conversations and Converse keep 100. */
const PREKEYS = 100;
/** XEP-0384 (current) §4.7: answer after 53 messages received without sending one. */
const HEARTBEAT = 53;

setWebCrypto(libraryCrypto(globalThis.crypto));

const addr = (d: Device) => new SignalProtocolAddress(d.jid, d.id);
/** The library's binary string as bytes (a plain loop: Uint8Array.from with a map was 6% of omemo-encrypt-100). */
function bytes(bin: string): Uint8Array {
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}
const buf = (u: Uint8Array) => u.slice().buffer;

export async function openEngine(kv: Kv): Promise<Engine> {
  const store = signalStore(kv);
  // A set missing a part its device id says it has (left half-cleared by an older version): made again.
  if (!(await complete(kv))) await create(kv, store);
  const deviceId = (await kv.get<number>('own:device'))!;
  const since = (await kv.get<string>('own:since'))!;

  async function replaceUsedPreKeys(): Promise<boolean> {
    const ids = (await kv.get<number[]>('own:prekeys'))!;
    const kept = [];
    for (const id of ids) if (await kv.get(`prekey:${id}`)) kept.push(id);
    if (kept.length === ids.length) return false;
    let next = (await kv.get<number>('own:next-prekey'))!;
    while (kept.length < PREKEYS) {
      const p = await KeyHelper.generatePreKey(next);
      await store.storePreKey(p.keyId, p.keyPair);
      kept.push(next++);
    }
    await kv.put('own:next-prekey', next);
    await kv.put('own:prekeys', kept);
    return true;
  }

  async function unanswered(from: string, sid: number, reset: boolean): Promise<number> {
    const key = `unanswered:${from}.${sid}`;
    const n = reset ? 0 : ((await kv.get<number>(key)) ?? 0) + 1;
    await kv.put(key, n);
    return n;
  }

  return {
    deviceId,
    since,
    async bundle() {
      const identity = (await store.getIdentityKeyPair())!;
      const signed = (await kv.get<{ id: number; pub: ArrayBuffer; sig: ArrayBuffer }>('own:signed'))!;
      const preKeys: PublicPreKey[] = [];
      for (const id of (await kv.get<number[]>('own:prekeys'))!) {
        const pair = await store.loadPreKey(id);
        if (pair) preKeys.push({ id, key: new Uint8Array(pair.pubKey) });
      }
      return {
        identityKey: new Uint8Array(identity.pubKey),
        signedPreKey: { id: signed.id, key: new Uint8Array(signed.pub), signature: new Uint8Array(signed.sig) },
        preKeys,
      };
    },
    async hasSession(d) {
      return new SessionCipher(store, addr(d)).hasOpenSession();
    },
    async startSession(d, b) {
      const pre = b.preKeys[Math.floor(Math.random() * b.preKeys.length)]!;
      await new SessionBuilder(store, addr(d)).processPreKey({
        identityKey: buf(b.identityKey),
        signedPreKey: {
          keyId: b.signedPreKey.id,
          publicKey: buf(b.signedPreKey.key),
          signature: buf(b.signedPreKey.signature),
        },
        preKey: { keyId: pre.id, publicKey: buf(pre.key) },
        // OMEMO has no registration id: the device id stands in for it, as in Converse.js.
        registrationId: d.id,
      });
    },
    async encrypt(text, devices) {
      const sealed = text === undefined ? { ...keyTransport(), payload: undefined } : await seal(text);
      const material = buf(sealed.keyMaterial);
      // Every device at once, as Converse.js does: each session is its own record (the library
      // queues work per address), and the WebCrypto calls of one overlap the waits of the others.
      const sealedKeys = await Promise.all(
        devices.map(async (d): Promise<EncryptedKey | undefined> => {
          // No separate session check: encrypt() loads the record once and refuses a device without one.
          const m = await new SessionCipher(store, addr(d)).encrypt(material).catch(() => undefined);
          if (!m) return undefined;
          await unanswered(d.jid, d.id, true);
          return { rid: d.id, prekey: m.type === 3, data: bytes(m.body!) };
        }),
      );
      const keys = sealedKeys.filter((k): k is EncryptedKey => !!k);
      return { sid: deviceId, keys, iv: sealed.iv, payload: sealed.payload };
    },
    async decrypt(from, e, at) {
      const mine = e.keys.find((k) => k.rid === deviceId);
      if (!mine) return { ok: false, reason: at && at < since ? 'before-this-device' : 'not-for-this-device' };
      const cipher = new SessionCipher(store, new SignalProtocolAddress(from, e.sid));
      let key: Uint8Array;
      try {
        key = new Uint8Array(
          mine.prekey
            ? await cipher.decryptPreKeyWhisperMessage(buf(mine.data))
            : await cipher.decryptWhisperMessage(buf(mine.data)),
        );
      } catch {
        return { ok: false, reason: mine.prekey || (await cipher.hasOpenSession()) ? 'bad-key' : 'no-session' };
      }
      let text: string | undefined;
      if (e.payload) {
        try {
          text = await open(key, e.iv, e.payload);
        } catch {
          return { ok: false, reason: 'bad-payload' };
        }
      }
      const bundleChanged = mine.prekey && (await replaceUsedPreKeys());
      const answer = mine.prekey || (await unanswered(from, e.sid, false)) >= HEARTBEAT;
      return { ok: true, text, bundleChanged, answer };
    },
    async identityOf(d) {
      const key = await kv.get<ArrayBuffer>(`identity:${addr(d).toString()}`);
      return key && new Uint8Array(key);
    },
    async ownIdentity() {
      return new Uint8Array((await store.getIdentityKeyPair())!.pubKey);
    },
  };
}

const OWN = ['own:identity', 'own:signed', 'own:prekeys', 'own:next-prekey', 'own:since', 'own:registration'];

/** This device's keys are all there: its id (written last) and what bundle() and the library read. */
async function complete(kv: Kv): Promise<boolean> {
  if ((await kv.get('own:device')) === undefined) return false;
  for (const key of OWN) if ((await kv.get(key)) === undefined) return false;
  return (await kv.get('signed:1')) !== undefined;
}

async function create(kv: Kv, store: ReturnType<typeof signalStore>): Promise<void> {
  const identity = await KeyHelper.generateIdentityKeyPair();
  const signed = await KeyHelper.generateSignedPreKey(identity, 1);
  await kv.put('own:identity', identity);
  await store.storeSignedPreKey(1, signed.keyPair);
  await kv.put('own:signed', { id: 1, pub: signed.keyPair.pubKey, sig: signed.signature });
  const ids = [];
  for (let id = 1; id <= PREKEYS; id++) {
    const p = await KeyHelper.generatePreKey(id);
    await store.storePreKey(id, p.keyPair);
    ids.push(id);
  }
  await kv.put('own:prekeys', ids);
  await kv.put('own:next-prekey', PREKEYS + 1);
  await kv.put('own:since', new Date().toISOString());
  const id = 1 + (crypto.getRandomValues(new Uint32Array(1))[0]! % 0x7fffffff);
  await kv.put('own:registration', id);
  // Written last: a device id means the keys are complete (a reload mid-way starts again).
  await kv.put('own:device', id);
}
