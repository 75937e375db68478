// The WebCrypto the Signal library is handed (its public setWebCrypto hook).
// Each message key costs the library seven HMAC-SHA-256s over a few dozen
// bytes (the chain step, HKDF, the MAC), each an importKey and a sign: two
// asynchronous WebCrypto calls, each a round trip through the browser's
// crypto thread that costs far more than hashing 64 bytes. Those HMACs are
// computed here by @noble/hashes (audited, MIT) on the calling thread; AES,
// digests and randomness stay with the browser's WebCrypto. Measured in
// omemo-encrypt-100 (bench/README.md).
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import type { setWebCrypto } from '@privacyresearch/libsignal-protocol-typescript';

/** What the library takes. */
type LibraryCrypto = Parameters<typeof setWebCrypto>[0];
/** The little of WebCrypto used here, typed alike with and without the DOM library (Node's tests check it without). */
interface WebCrypto {
  getRandomValues(array: never): unknown;
  readonly subtle: {
    importKey(...args: unknown[]): Promise<unknown>;
    sign(...args: unknown[]): Promise<ArrayBuffer>;
    encrypt(...args: unknown[]): Promise<ArrayBuffer>;
    decrypt(...args: unknown[]): Promise<ArrayBuffer>;
    digest(...args: unknown[]): Promise<ArrayBuffer>;
  };
}

/** What the library's importKey gets back for an HMAC-SHA-256 key. */
interface HmacKey {
  readonly hmacSha256: Uint8Array;
}

type Algorithm = string | { readonly name: string; readonly hash?: string | { readonly name: string } };
type Bytes = ArrayBuffer | ArrayBufferView;

const nameOf = (a: Algorithm | undefined) => (typeof a === 'string' ? a : a?.name)?.toUpperCase();
const isHmacSha256 = (a: Algorithm) =>
  nameOf(a) === 'HMAC' && (typeof a === 'string' || nameOf(a.hash) === 'SHA-256' || a.hash === undefined);
const view = (b: Bytes) =>
  b instanceof ArrayBuffer ? new Uint8Array(b) : new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const isHmacKey = (k: unknown): k is HmacKey => typeof k === 'object' && k !== null && 'hmacSha256' in k;

export function libraryCrypto(c: WebCrypto): LibraryCrypto {
  const subtle = c.subtle;
  const fast = {
    importKey(format: string, data: Bytes, alg: Algorithm, extractable: boolean, usages: string[]) {
      // A raw HMAC-SHA-256 key for signing, as the library imports it: kept as bytes (a copy).
      if (format === 'raw' && isHmacSha256(alg) && usages.every((u) => u === 'sign'))
        return Promise.resolve({ hmacSha256: view(data).slice() } satisfies HmacKey);
      return subtle.importKey(format, data, alg, extractable, usages);
    },
    sign(alg: Algorithm, key: unknown, data: Bytes) {
      if (isHmacKey(key)) return Promise.resolve(hmac(sha256, key.hmacSha256, view(data)).buffer);
      return subtle.sign(alg, key, data);
    },
    encrypt: subtle.encrypt.bind(subtle),
    decrypt: subtle.decrypt.bind(subtle),
    digest: subtle.digest.bind(subtle),
  };
  return { getRandomValues: c.getRandomValues.bind(c), subtle: fast } as unknown as LibraryCrypto;
}
