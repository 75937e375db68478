// The message payload of OMEMO 0.3 (§4.5): AES-128-GCM with a fresh key and a
// 12-byte IV; the payload is the ciphertext without its 16-byte tag, and the
// key material that Signal encrypts for each device is key ‖ tag (32 bytes).
// WebCrypto, in the browser and in Node alike.

const TAG = 16;

export interface Sealed {
  readonly iv: Uint8Array;
  readonly payload: Uint8Array;
  /** key ‖ tag: what each device's session encrypts. */
  readonly keyMaterial: Uint8Array;
}

const random = (n: number) => crypto.getRandomValues(new Uint8Array(n));

export async function seal(plaintext: string): Promise<Sealed> {
  const key = random(16);
  const iv = random(12);
  const k = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const out = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, new TextEncoder().encode(plaintext)),
  );
  const tag = out.subarray(out.length - TAG);
  const keyMaterial = new Uint8Array(32);
  keyMaterial.set(key);
  keyMaterial.set(tag, 16);
  return { iv, payload: out.slice(0, out.length - TAG), keyMaterial };
}

/** A key-transport message (§4.6) has key material and an IV but no payload. */
export function keyTransport(): { iv: Uint8Array; keyMaterial: Uint8Array } {
  return { iv: random(12), keyMaterial: random(32) };
}

/** The plaintext; throws when the key, the tag or the payload does not fit (a damaged or truncated message). */
export async function open(keyMaterial: Uint8Array, iv: Uint8Array, payload: Uint8Array): Promise<string> {
  // Some older clients sent a 16-byte key with the tag left on the payload.
  const key = keyMaterial.slice(0, 16);
  const data =
    keyMaterial.length >= 32
      ? concat(payload, keyMaterial.subarray(16, 32))
      : keyMaterial.length === 16
        ? payload.slice()
        : undefined;
  if (!data || data.length < TAG) throw new Error('bad key material');
  const k = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['decrypt']);
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: iv.slice() }, k, data);
  return new TextDecoder('utf-8', { fatal: true }).decode(plain);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}
