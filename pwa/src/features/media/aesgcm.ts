// XEP-0454 (OMEMO media sharing): a file is encrypted in the browser with
// AES-256-GCM, uploaded as ciphertext, and shared as an aesgcm:// link whose
// fragment holds the IV and the key. The server never sees the key: browsers
// do not send a URL's fragment, and the link itself travels end to end
// encrypted in the message body. https://xmpp.org/extensions/xep-0454.html

/** The decrypting half of a link: where the ciphertext is and how to open it. */
export interface MediaKey {
  /** The https URL of the ciphertext (the upload slot's GET URL). */
  readonly url: string;
  readonly iv: Uint8Array<ArrayBuffer>;
  readonly key: Uint8Array<ArrayBuffer>;
}

// XEP-0454 §4: 12-byte IV (24 hex) then 32-byte key (64 hex). Older clients
// (Conversations before 2.x) sent 16-byte IVs; §4 asks receivers to accept them.
const FRAGMENT = /^([0-9a-f]{24}|[0-9a-f]{32})([0-9a-f]{64})$/i;

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const unhex = (s: string) => Uint8Array.from(s.match(/../g)!, (p) => parseInt(p, 16));

/** The aesgcm:// link for a ciphertext at `url` (https). */
export function toLink(k: MediaKey): string {
  const u = new URL(k.url);
  if (u.protocol !== 'https:') throw new Error('aesgcm links point at https URLs');
  u.hash = '';
  return `aesgcm://${u.host}${u.pathname}${u.search}#${hex(k.iv)}${hex(k.key)}`;
}

/** The link's parts, or undefined when `s` is not one well-formed aesgcm:// link. Never throws. */
export function parseLink(s: string): MediaKey | undefined {
  const m = /^aesgcm:\/\/([^\s#/]+)(\/[^\s#]*)#([^\s]+)$/.exec(s.trim());
  const f = m && FRAGMENT.exec(m[3]!);
  if (!m || !f) return undefined;
  let url: URL;
  try {
    url = new URL(`https://${m[1]}${m[2]}`);
  } catch {
    return undefined;
  }
  return { url: url.href, iv: unhex(f[1]!), key: unhex(f[2]!) };
}

/** The file name at the end of the link's path (Prosody keeps the uploader's name there). */
export function fileName(k: Pick<MediaKey, 'url'>): string {
  const last = new URL(k.url).pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Encrypts `plain` under a fresh key and IV; the ciphertext ends with GCM's 16-byte tag, as XEP-0454 wants. */
export async function encrypt(
  plain: ArrayBuffer | Uint8Array<ArrayBuffer>,
): Promise<{ cipher: ArrayBuffer; iv: Uint8Array<ArrayBuffer>; key: Uint8Array<ArrayBuffer> }> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = crypto.getRandomValues(new Uint8Array(32));
  const k = await crypto.subtle.importKey('raw', key, 'AES-GCM', false, ['encrypt']);
  const cipher = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, k, plain);
  return { cipher, iv, key };
}

/** Decrypts a downloaded ciphertext; rejects when the bytes or the key are wrong (GCM checks the tag). */
export async function decrypt(
  cipher: ArrayBuffer | Uint8Array<ArrayBuffer>,
  k: Pick<MediaKey, 'iv' | 'key'>,
): Promise<ArrayBuffer> {
  const key = await crypto.subtle.importKey('raw', k.key, 'AES-GCM', false, ['decrypt']);
  return crypto.subtle.decrypt({ name: 'AES-GCM', iv: k.iv }, key, cipher);
}
