// OMEMO 0.3 on the wire ↔ typed values (https://xmpp.org/extensions/attic/xep-0384-0.3.0.html).
// A bad element comes back as an error value with its reason, never a throw:
// a peer's malformed message must show as such, not break the pipeline.
import { NS_EME, NS_HINTS, NS_OMEMO } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { fromBase64, toBase64 } from './base64.ts';
import type { Undecryptable } from './reasons.ts';

/** The key (and GCM tag) of one message, encrypted for one device. */
export interface EncryptedKey {
  readonly rid: number;
  /** A PreKeySignalMessage: it starts a session. */
  readonly prekey: boolean;
  readonly data: Uint8Array;
}

export interface Encrypted {
  /** The sending device. */
  readonly sid: number;
  readonly keys: readonly EncryptedKey[];
  readonly iv: Uint8Array;
  /** Absent in a key-transport (and heartbeat) message (§4.6). */
  readonly payload?: Uint8Array;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: Undecryptable };

/** Device ids are 31-bit positive integers (§4.2: "randomly generated integer between 1 and 2^31 - 1"). */
export function deviceIdOf(s: string | undefined): number | undefined {
  if (!s || !/^[0-9]{1,10}$/.test(s)) return undefined;
  const n = Number(s);
  return n >= 1 && n <= 0x7fffffff ? n : undefined;
}

const text = (el: XmlElement | undefined) => (el ? el.text().trim() : undefined);

export function parseEncrypted(el: XmlElement): Parsed<Encrypted> {
  const header = el.getChild('header');
  const sid = deviceIdOf(header?.attrs.sid);
  const iv = fromBase64(text(header?.getChild('iv')));
  if (!header || sid === undefined || !iv || iv.length < 12) return { ok: false, reason: 'malformed' };
  const keys: EncryptedKey[] = [];
  for (const k of header.getChildren('key')) {
    const rid = deviceIdOf(k.attrs.rid);
    const data = fromBase64(text(k));
    if (rid === undefined || !data || data.length === 0) return { ok: false, reason: 'malformed' };
    keys.push({ rid, prekey: k.attrs.prekey === 'true' || k.attrs.prekey === '1', data });
  }
  const payloadEl = el.getChild('payload');
  const payload = payloadEl ? fromBase64(text(payloadEl)) : undefined;
  if (payloadEl && !payload) return { ok: false, reason: 'malformed' };
  return { ok: true, value: { sid, keys, iv, payload } };
}

/** The `<encrypted/>` element alone. */
export function encryptedElement(e: Encrypted): XmlElement {
  return xml(
    'encrypted',
    { xmlns: NS_OMEMO },
    xml(
      'header',
      { sid: String(e.sid) },
      ...e.keys.map((k) =>
        xml('key', { rid: String(k.rid), ...(k.prekey ? { prekey: 'true' } : {}) }, toBase64(k.data)),
      ),
      xml('iv', {}, toBase64(e.iv)),
    ),
    e.payload ? xml('payload', {}, toBase64(e.payload)) : undefined,
  );
}

/** What goes beside it: a fallback body for clients without OMEMO, EME (XEP-0380), and a store hint (XEP-0334). */
export function encryptedSiblings(): XmlElement[] {
  return [
    xml('body', {}, FALLBACK),
    xml('encryption', { xmlns: NS_EME, namespace: NS_OMEMO, name: 'OMEMO' }),
    xml('store', { xmlns: NS_HINTS }),
  ];
}

export const FALLBACK = 'This message is encrypted with OMEMO, which your client does not seem to support.';
