// What crosses the component's socket, in both directions. Prosody closes the
// whole component stream (not-well-formed / policy) when the component sends
// one stanza over component_stanza_size_limit (512 KiB by default) or a
// character XML 1.0 does not allow; every stanza in flight to ops.<domain>
// then bounces. So nothing is written unchecked, whatever a user sent.
import { StringDecoder } from 'node:string_decoder';
import { NS_BLEEP_ERRORS, NS_STANZAS } from '@bleep/protocol';
import { xml, type Element } from './xml.ts';

/** Half of Prosody's limit for component stanzas: room for Prosody's own stamping. */
export const MAX_STANZA_BYTES = 256 * 1024;
/** An id longer than this is not echoed whole in a refusal that had to be cut short. */
const MAX_ECHOED_ID = 256;

// XML 1.0 §2.2 Char; a lone surrogate (a broken pair) counts as not allowed too.
const NOT_XML = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export type Written = { ok: true; text: string } | { ok: false; text?: string; reason: string };

/**
 * The text to write for a stanza: well-formed, and never over the bound. A
 * reply that would be too large becomes a short refusal to the same
 * requester; anything else too large is not sent (the caller logs why).
 */
export function serialize(el: Element): Written {
  const text = el.toString().replace(NOT_XML, '\uFFFD');
  if (Buffer.byteLength(text, 'utf8') <= MAX_STANZA_BYTES) return { ok: true, text };
  const reason = `a ${el.name} of ${Buffer.byteLength(text, 'utf8')} bytes is over the ${MAX_STANZA_BYTES}-byte bound`;
  if (!isReply(el)) return { ok: false, reason };
  const id = el.attrs.id ?? '';
  const cut = id.length > MAX_ECHOED_ID;
  const refusal = xml(
    el.name,
    { type: 'error', id: cut ? id.slice(0, MAX_ECHOED_ID) : id, to: el.attrs.to, from: el.attrs.from },
    xml(
      'error',
      { type: 'modify' },
      xml('policy-violation', { xmlns: NS_STANZAS }),
      xml(
        'text',
        { xmlns: NS_STANZAS, 'xml:lang': 'en' },
        cut
          ? `The request's id is longer than ${MAX_ECHOED_ID} characters, so the answer could not carry it. Use a shorter id.`
          : 'The answer is too large to send. Ask for less (a narrower search, or fewer items).',
      ),
      xml('too-big', { xmlns: NS_BLEEP_ERRORS }),
    ),
  );
  return { ok: false, text: refusal.toString().replace(NOT_XML, '\uFFFD'), reason };
}

/** RFC 6120 §8.2.3, §8.3: results and errors answer someone; everything else the component starts itself. */
function isReply(el: Element): boolean {
  return el.attrs.type === 'error' || (el.name === 'iq' && el.attrs.type === 'result');
}

/**
 * Decodes a TCP byte stream as UTF-8 across reads. xmpp.js 0.14
 * (@xmpp/connection `_onData`) decodes each read on its own
 * (`data.toString('utf8')`), so a character split between two reads became
 * U+FFFD twice; under load any stanza can straddle a read.
 */
export function utf8Reads(): { decode(chunk: Buffer): string; reset(): void } {
  let decoder = new StringDecoder('utf8');
  return {
    decode: (chunk) => decoder.write(chunk),
    reset: () => void (decoder = new StringDecoder('utf8')),
  };
}
