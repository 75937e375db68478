import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { fingerprint } from './fingerprint.ts';
import { openKv, type Kv } from './kv.ts';
import { trustStore } from './trust.ts';

const AMARA = 'amara@h.example';
const keyOf = (n: number) => new Uint8Array(33).fill(n).map((b, i) => (i === 0 ? 5 : b));
let kv: Kv;

beforeEach(async () => {
  kv = await openKv('dana@h.example');
  await kv.clear();
});

describe('blind trust before verification', () => {
  it('uses a new device unflagged until the person has a verified one; then flags the others', async () => {
    const t = trustStore(kv);
    const phone = { id: 1, key: keyOf(1) };
    expect(await t.devices(AMARA, [phone])).toEqual([
      { jid: AMARA, id: 1, fingerprint: fingerprint(keyOf(1)), verified: false, flagged: false },
    ]);
    expect(await t.verify(AMARA, 1, fingerprint(keyOf(1)))).toBe(true);
    const tablet = { id: 2, key: keyOf(2) };
    expect((await t.devices(AMARA, [phone, tablet])).map((d) => [d.id, d.verified, d.flagged])).toEqual([
      [1, true, false],
      [2, false, true],
    ]);
  });

  it('refuses a fingerprint that does not match, and forgets a verification when the key changes', async () => {
    const t = trustStore(kv);
    await t.devices(AMARA, [{ id: 1, key: keyOf(1) }]);
    expect(await t.verify(AMARA, 1, fingerprint(keyOf(9)))).toBe(false);
    expect(await t.verify(AMARA, 1, fingerprint(keyOf(1)))).toBe(true);
    const [changed] = await t.devices(AMARA, [{ id: 1, key: keyOf(3) }]);
    expect(changed).toMatchObject({ verified: false, fingerprint: fingerprint(keyOf(3)) });
  });

  it('shows fingerprints as OMEMO clients do: 64 hex digits in groups of eight, without the type byte', () => {
    expect(fingerprint(keyOf(0xab))).toBe(Array(8).fill('abababab').join(' '));
  });
});
