// OMEMO for the signed-in account, wired into the one message pipeline:
// outgoing messages are encrypted as they go (encrypt.ts), incoming ones
// decrypted once (decrypt.ts). The keys are made on this device at the first
// sign-in, and announced on every new stream, and on a resumed one until an
// announce went through (devices.ts, announcing.ts). The Signal library
// loads only here, on first sign-in (index.ts: loadOmemo).
import type { XmlElement } from '@xmpp/client';
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request as ask } from '../../xmpp/session.ts';
import type { Target } from '../messages/content.ts';
import { useMessages } from '../messages/index.ts';
import { decryptStep } from './decrypt.ts';
import { Announcing } from './announcing.ts';
import { announce, fetchDevices, removeDevices, type Request } from './devices.ts';
import { deviceListChanged } from './pep.ts';
import { recipients } from './recipients.ts';
import { trustStore, type DeviceTrust } from './trust.ts';
import { cannotEncrypt, encryptStep } from './encrypt.ts';
import { loadOmemo } from './load.ts';
import { openKv } from './kv.ts';
import { plaintexts } from './plaintext.ts';
import { HeldBack } from './reasons.ts';
import type { OmemoSession } from './session.ts';

/** What sign-out removes from this device, said before the user confirms. */
export const REMOVED_AT_SIGN_OUT =
  'Signing out removes this device’s encryption keys and the messages decrypted here. ' +
  'Encrypted messages kept on the server cannot be read on this device again.';

const hostOf = (jid: string) => jid.split('@')[1] ?? '';
/** How long an encrypted message waits for this device's keys to be published before it is held back. */
const READY_MS = 15_000;

export const useOmemo = defineStore('omemo', () => {
  const connection = useConnection();
  const messages = useMessages();
  /** This device's id, once its keys are loaded; 0 before. */
  const deviceId = ref(0);
  /** The account's devices as last announced. */
  const ownDevices = ref<number[]>([]);
  /** Why encryption could not start ('' when it did). */
  const problem = ref('');
  let current: Promise<OmemoSession | null> = Promise.resolve(null);
  /** This account's first successful announce on this sign-in (its keys are on the server from then on). */
  let announced = new Promise<void>(() => {});
  let markAnnounced = () => {};
  /** Announces this sign-in's keys on new streams, and on resumed ones until one went through. */
  let announcing = new Announcing(announceKeys);
  /**
   * Making keys and clearing them at sign-out, one after the other. A sign-out
   * during key making (a refused token signs out at once; 100 prekeys take
   * seconds on a loaded phone) would clear half of them, and the rest, written
   * after, look complete: that device then never announces its keys again.
   */
  let keyJobs: Promise<unknown> = Promise.resolve();
  function inTurn<T>(job: () => Promise<T>): Promise<T> {
    const run = keyJobs.then(job, job);
    keyJobs = run.catch(() => {});
    return run;
  }

  // The connection's client of the moment: a message flushed as a new stream comes up asks on that stream.
  const link = () => connection.xmpp;
  const request: Request = (iq) => {
    const c = link();
    return c ? ask(c, iq) : Promise.reject(new Error('Not connected.'));
  };
  const send = (el: XmlElement) => link()?.send(el) ?? Promise.reject(new Error('Not connected.'));
  function ready(): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new HeldBack('own-keys')), READY_MS);
    });
    return Promise.race([announced, late]).finally(() => clearTimeout(timer));
  }

  async function start(me: string): Promise<OmemoSession | null> {
    try {
      const kv = await openKv(me);
      const engine = await (await loadOmemo()).openEngine(kv);
      deviceId.value = engine.deviceId;
      return { me, engine, kv, plain: plaintexts(kv), request, send, ready };
    } catch {
      problem.value = 'Encryption could not start on this device.';
      return null;
    }
  }

  watch(
    () => connection.account,
    (account) => {
      deviceId.value = 0;
      ownDevices.value = [];
      problem.value = '';
      announced = new Promise<void>((resolve) => (markAnnounced = resolve));
      announcing = new Announcing(announceKeys);
      current = account ? inTurn(() => start(account)) : Promise.resolve(null);
    },
    { immediate: true, flush: 'sync' },
  );

  async function announceKeys(): Promise<boolean> {
    const done = markAnnounced; // this sign-in's, even if another account signs in meanwhile
    const c = link();
    const s = await current;
    if (!s || !c || link() !== c) return false;
    try {
      ownDevices.value = await announce(request, s.engine, s.me);
      problem.value = '';
      done();
      return true;
    } catch {
      problem.value = 'This device could not announce its encryption keys; others cannot write to it encrypted.';
      return false;
    }
  }
  connection.onReady(() => void announcing.newStream());
  connection.onResumed(() => void announcing.resumed());
  connection.onLogout((account) => {
    if (account) void inTurn(async () => (await openKv(account)).clear());
  });

  /**
   * How many changes of each account's device list were heard (mod_bleep_omemo_notify tells them to
   * whoever read the list): a view that said "no device" asks again when the count moves.
   */
  const listChanges = ref<Record<string, number>>({});
  connection.onStanza((el) => {
    const jid = deviceListChanged(el);
    if (jid) listChanges.value = { ...listChanges.value, [jid]: (listChanges.value[jid] ?? 0) + 1 };
  });

  const isPerson = (jid: string) => !!connection.config && hostOf(jid) === connection.config.domain;
  messages.useOutbound(encryptStep(() => current, isPerson));
  messages.useInbound(decryptStep(() => current));

  /** A colleague's devices with their fingerprints and trust (sessions are made for the ones not met yet). */
  async function devicesOf(jid: string): Promise<DeviceTrust[]> {
    const s = await current;
    if (!s) return [];
    await recipients(s, [jid]);
    const ids = (await fetchDevices(request, jid)).filter((id) => jid !== s.me || id !== s.engine.deviceId);
    const known = [];
    for (const id of ids) {
      const key = await s.engine.identityOf({ jid, id });
      if (key) known.push({ id, key });
    }
    return trustStore(s.kv).devices(jid, known);
  }

  return {
    deviceId,
    ownDevices,
    problem,
    session: () => current,
    /** Who of `targets` a message cannot be encrypted for, and why (asked before writing to a role). */
    cannotEncrypt: (targets: readonly Target[]) => cannotEncrypt(() => current, isPerson, targets),
    devicesOf,
    /** Changes heard to `jid`'s device list so far; reactive, so a view can ask again when it moves. */
    listChanges: (jid: string) => listChanges.value[jid.toLowerCase()] ?? 0,
    /** The user compared a device's fingerprint with the one its owner shows, and it matches. */
    async verify(jid: string, id: number, fingerprint: string): Promise<boolean> {
      const s = await current;
      return !!s && trustStore(s.kv).verify(jid, id, fingerprint);
    },
    /** Takes one of the user's old devices off their list: nobody encrypts for it any more. */
    async removeOwn(id: number): Promise<void> {
      const s = await current;
      if (!s || id === s.engine.deviceId) return;
      ownDevices.value = await removeDevices(request, s.me, [id]);
    },
  };
});
