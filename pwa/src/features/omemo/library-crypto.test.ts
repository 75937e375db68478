// The Signal library's WebCrypto: its HMAC-SHA-256 must give the browser's
// bytes exactly (a wrong MAC or chain key would break every session with
// other clients), and everything else must still be the browser's.
import { describe, expect, it } from 'vitest';
import { libraryCrypto } from './library-crypto.ts';

const lib = libraryCrypto(globalThis.crypto);
type Bytes = Uint8Array<ArrayBuffer>;
const random = (n: number) => globalThis.crypto.getRandomValues(new Uint8Array(n));

/** As the library calls it (internal/crypto.ts sign()). */
async function mac(c: typeof globalThis.crypto, key: Bytes, data: Bytes): Promise<Uint8Array> {
  const k = await c.subtle.importKey('raw', key, { name: 'HMAC', hash: { name: 'SHA-256' } }, false, ['sign']);
  return new Uint8Array(await c.subtle.sign({ name: 'HMAC', hash: 'SHA-256' }, k, data));
}

describe('the Signal library’s crypto', () => {
  it('HMAC-SHA-256 equals WebCrypto’s for keys and messages of every size the library uses and more', async () => {
    // 32-byte chain keys and PRKs, the 1-byte chain steps, HKDF's 33-65 bytes, MAC inputs of a few hundred,
    // and keys longer than a SHA-256 block (hashed first).
    for (const [k, d] of [
      [32, 1],
      [32, 33],
      [32, 65],
      [32, 0],
      [32, 300],
      [64, 64],
      [65, 200],
      [100, 1000],
    ] as const) {
      const key = random(k);
      const data = random(d);
      expect(await mac(lib, key, data)).toEqual(await mac(globalThis.crypto, key, data));
    }
  });

  it('a key imported again (the library does, for each use) signs each message as WebCrypto does', async () => {
    const key = random(32);
    for (const d of [1, 33, 33, 200]) {
      const data = random(d);
      expect(await mac(lib, key, data)).toEqual(await mac(globalThis.crypto, key, data));
    }
  });

  it('reads the key and data through views at an offset, and keeps its own copy of the key', async () => {
    const backing = random(80);
    const key = new Uint8Array(backing.buffer, 5, 32);
    const data = new Uint8Array(backing.buffer, 40, 40);
    const expected = await mac(globalThis.crypto, key.slice(), data.slice());
    const k = await lib.subtle.importKey('raw', key, { name: 'HMAC', hash: { name: 'SHA-256' } }, false, ['sign']);
    key.fill(0);
    expect(new Uint8Array(await lib.subtle.sign('HMAC', k, data))).toEqual(expected);
  });

  it('AES-CBC, as the library encrypts each message key, still round-trips through WebCrypto', async () => {
    const raw = random(32);
    const iv = random(16);
    const key = await lib.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['encrypt', 'decrypt']);
    const sealed = await lib.subtle.encrypt({ name: 'AES-CBC', iv }, key, new TextEncoder().encode('Bed 4'));
    const webKey = await globalThis.crypto.subtle.importKey('raw', raw, { name: 'AES-CBC' }, false, ['decrypt']);
    const opened = await globalThis.crypto.subtle.decrypt({ name: 'AES-CBC', iv }, webKey, sealed);
    expect(new TextDecoder().decode(opened)).toBe('Bed 4');
  });
});
