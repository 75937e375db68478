import { describe, expect, it } from 'vitest';
import { decrypt, encrypt, fileName, parseLink, toLink } from './aesgcm.ts';

const IV = '0123456789abcdef01234567';
const KEY = 'a'.repeat(32) + 'b'.repeat(32);

describe('aesgcm links (XEP-0454)', () => {
  it('reads host, path, 12-byte IV and 32-byte key from the fragment', () => {
    const k = parseLink(`aesgcm://share.bleep.localhost:8443/file_share/abc/photo%201.jpg#${IV}${KEY}`)!;
    expect(k.url).toBe('https://share.bleep.localhost:8443/file_share/abc/photo%201.jpg');
    expect(k.iv).toHaveLength(12);
    expect(k.iv[0]).toBe(0x01);
    expect(k.key).toHaveLength(32);
    expect(k.key[31]).toBe(0xbb);
    expect(fileName(k)).toBe('photo 1.jpg');
  });

  it('accepts the older 16-byte IV', () => {
    expect(parseLink(`aesgcm://h/f.jpg#${'0'.repeat(32)}${KEY}`)?.iv).toHaveLength(16);
  });

  it('writes the link back exactly, https becoming aesgcm', () => {
    const link = `aesgcm://h.example/file_share/x/voice.weba#${IV}${KEY}`;
    expect(toLink(parseLink(link)!)).toBe(link);
  });

  it('refuses what is not one well-formed link', () => {
    for (const s of [
      `https://h/f.jpg#${IV}${KEY}`,
      `aesgcm://h/f.jpg`,
      `aesgcm://h/f.jpg#${IV}${KEY.slice(2)}`,
      `aesgcm://h/f.jpg#${IV}${KEY}00`,
      `aesgcm://h/f.jpg#${IV}${KEY.replace('a', 'g')}`,
      `look: aesgcm://h/f.jpg#${IV}${KEY}`,
      `aesgcm://h/a b.jpg#${IV}${KEY}`,
    ])
      expect(parseLink(s), s).toBeUndefined();
  });

  it('never makes a link to plain http', () => {
    expect(() => toLink({ url: 'http://h/f', iv: new Uint8Array(12), key: new Uint8Array(32) })).toThrow(/https/);
  });
});

describe('AES-256-GCM', () => {
  it('round-trips with a fresh 12-byte IV and 32-byte key, the tag appended', async () => {
    const plain = Uint8Array.from({ length: 100_000 }, (_, i) => (i * 31 + (i >> 8)) & 255);
    const a = await encrypt(plain);
    const b = await encrypt(plain);
    expect(a.iv).toHaveLength(12);
    expect(a.key).toHaveLength(32);
    expect(a.cipher.byteLength).toBe(plain.length + 16);
    expect(Buffer.from(a.key).equals(Buffer.from(b.key))).toBe(false);
    expect(Buffer.from(a.cipher).includes(Buffer.from(plain.subarray(0, 64)))).toBe(false);
    expect(new Uint8Array(await decrypt(a.cipher, a))).toEqual(plain);
  });

  it('refuses a tampered ciphertext or a wrong key', async () => {
    const a = await encrypt(new TextEncoder().encode('wound photo'));
    const bad = new Uint8Array(a.cipher);
    bad[0]! ^= 1;
    await expect(decrypt(bad, a)).rejects.toThrow();
    await expect(decrypt(a.cipher, { iv: a.iv, key: new Uint8Array(32) })).rejects.toThrow();
  });

  it('decrypts through a link made from the upload URL', async () => {
    const a = await encrypt(new TextEncoder().encode('x-ray'));
    const link = toLink({ url: 'https://bleep.localhost/file_share/id/xray.png', ...a });
    const k = parseLink(link)!;
    expect(new TextDecoder().decode(await decrypt(a.cipher, k))).toBe('x-ray');
  });
});
