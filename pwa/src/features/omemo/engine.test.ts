// OMEMO 0.3 sessions between real keys, in Node with WebCrypto and the Signal
// library; IndexedDB is fake-indexeddb. Each message goes through the wire
// format (codec) the way it would travel.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { encryptedElement, parseEncrypted, type Encrypted } from './codec.ts';
import { openEngine, type Engine } from './engine.ts';
import { openKv } from './kv.ts';

const ALICE = 'alice@h.example';
const BOB = 'bob@h.example';
let alice: Engine;
let bob: Engine;

const wire = (e: Encrypted): Encrypted => {
  const parsed = parseEncrypted(encryptedElement(e));
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
};
const dev = (jid: string, e: Engine) => ({ jid, id: e.deviceId });

beforeEach(async () => {
  const a = await openKv(ALICE);
  const b = await openKv(BOB);
  await a.clear();
  await b.clear();
  alice = await openEngine(a);
  bob = await openEngine(b);
});

async function aliceMeetsBob(): Promise<void> {
  await alice.startSession(dev(BOB, bob), await bob.bundle());
}

describe('OMEMO sessions', () => {
  it('round trip: a prekey message starts the session, the used prekey is replaced, and the receiver answers', async () => {
    const before = await bob.bundle();
    await aliceMeetsBob();
    const m = wire(await alice.encrypt('Bed 4 needs a review', [dev(BOB, bob)]));
    expect(m.keys).toEqual([expect.objectContaining({ rid: bob.deviceId, prekey: true })]);
    expect(new TextDecoder().decode(m.payload)).not.toContain('Bed 4');

    const got = await bob.decrypt(ALICE, m);
    expect(got).toEqual({ ok: true, text: 'Bed 4 needs a review', bundleChanged: true, answer: true });
    const after = await bob.bundle();
    expect(after.preKeys).toHaveLength(100);
    const used = before.preKeys.filter((p) => !after.preKeys.some((q) => q.id === p.id));
    expect(used).toHaveLength(1);
    expect(await bob.identityOf(dev(ALICE, alice))).toEqual(await alice.ownIdentity());
  });

  it('a prekey message followed by normal messages, both ways', async () => {
    await aliceMeetsBob();
    for (const text of ['one', 'two']) {
      const m = wire(await alice.encrypt(text, [dev(BOB, bob)]));
      // Until Bob answers, every message from Alice can start the session.
      expect(m.keys[0]!.prekey).toBe(true);
      expect(await bob.decrypt(ALICE, m)).toMatchObject({ ok: true, text });
    }
    const reply = wire(await bob.encrypt('three', [dev(ALICE, alice)]));
    expect(reply.keys[0]!.prekey).toBe(false);
    expect(await alice.decrypt(BOB, reply)).toMatchObject({ ok: true, text: 'three', bundleChanged: false });
    for (const text of ['four', 'five']) {
      const m = wire(await alice.encrypt(text, [dev(BOB, bob)]));
      expect(m.keys[0]!.prekey).toBe(false);
      expect(await bob.decrypt(ALICE, m)).toEqual({ ok: true, text, bundleChanged: false, answer: false });
    }
  });

  it('a key-transport message has no payload and moves the ratchet', async () => {
    await aliceMeetsBob();
    const kt = wire(await alice.encrypt(undefined, [dev(BOB, bob)]));
    expect(kt.payload).toBeUndefined();
    expect(await bob.decrypt(ALICE, kt)).toMatchObject({ ok: true, text: undefined, answer: true });
  });

  it('asks for a heartbeat after 53 messages without an answer', async () => {
    await aliceMeetsBob();
    await bob.decrypt(ALICE, await alice.encrypt('start', [dev(BOB, bob)]));
    await alice.decrypt(BOB, await bob.encrypt(undefined, [dev(ALICE, alice)]));
    const answers = [];
    for (let i = 0; i < 53; i++) {
      const got = await bob.decrypt(ALICE, await alice.encrypt(`m${i}`, [dev(BOB, bob)]));
      answers.push(got.ok && got.answer);
    }
    expect(answers.indexOf(true)).toBe(52);
  });

  it('keeps keys across a reload of the app', async () => {
    await aliceMeetsBob();
    const again = await openEngine(await openKv(ALICE));
    expect(again.deviceId).toBe(alice.deviceId);
    expect(await again.hasSession(dev(BOB, bob))).toBe(true);
    expect(await bob.decrypt(ALICE, await again.encrypt('still me', [dev(BOB, bob)]))).toMatchObject({
      text: 'still me',
    });
  });

  it('makes the keys again when a sign-out left half of them (the device id, not the identity)', async () => {
    const kv = await openKv(ALICE);
    await kv.del('own:identity');
    await kv.del('own:signed');
    const again = await openEngine(kv);
    expect(again.deviceId).not.toBe(alice.deviceId);
    const b = await again.bundle();
    expect(b.preKeys).toHaveLength(100);
    expect(b.identityKey).toEqual(await again.ownIdentity());
  });
});

describe('messages that cannot be decrypted say why', () => {
  it('not encrypted for this device (wrong device ids)', async () => {
    await aliceMeetsBob();
    const m = await alice.encrypt('x', [dev(BOB, bob)]);
    const wrong = { ...m, keys: m.keys.map((k) => ({ ...k, rid: bob.deviceId + 1 })) };
    expect(await bob.decrypt(ALICE, wrong)).toEqual({ ok: false, reason: 'not-for-this-device' });
    expect(await bob.decrypt(ALICE, wrong, '2000-01-01T00:00:00Z')).toEqual({
      ok: false,
      reason: 'before-this-device',
    });
  });

  it('a sender device id that is not the one the session is with', async () => {
    await aliceMeetsBob();
    await bob.decrypt(ALICE, await alice.encrypt('x', [dev(BOB, bob)]));
    const m = await alice.encrypt('y', [dev(BOB, bob)]);
    expect(await bob.decrypt(ALICE, { ...m, sid: alice.deviceId + 1 })).toMatchObject({ ok: false });
  });

  it('a truncated payload', async () => {
    await aliceMeetsBob();
    const m = await alice.encrypt('The patient in bed 4', [dev(BOB, bob)]);
    const cut = { ...m, payload: m.payload!.subarray(0, 5) };
    expect(await bob.decrypt(ALICE, cut)).toEqual({ ok: false, reason: 'bad-payload' });
  });

  it('a replayed prekey message', async () => {
    await aliceMeetsBob();
    const m = await alice.encrypt('once', [dev(BOB, bob)]);
    expect(await bob.decrypt(ALICE, m)).toMatchObject({ ok: true, text: 'once' });
    expect(await bob.decrypt(ALICE, m)).toEqual({ ok: false, reason: 'bad-key' });
  });

  it('a damaged key, and a normal message without a session', async () => {
    await aliceMeetsBob();
    const m = await alice.encrypt('x', [dev(BOB, bob)]);
    const damaged = m.keys.map((k) => ({ ...k, data: k.data.map((b, i) => (i === 10 ? b ^ 0xff : b)) }));
    expect(await bob.decrypt(ALICE, { ...m, keys: damaged })).toEqual({ ok: false, reason: 'bad-key' });
    const noPrekey = m.keys.map((k) => ({ ...k, prekey: false }));
    expect(await bob.decrypt(ALICE, { ...m, keys: noPrekey })).toEqual({ ok: false, reason: 'no-session' });
  });
});
