// Replies: swap the addresses, keep the id. RFC 6120 §8.2.3: an IQ error
// may carry the original payload; §8.3.1: never answer an error.
import { xml, type Element } from './xml.ts';

export function isStanza(el: Element): boolean {
  return el.name === 'iq' || el.name === 'message' || el.name === 'presence';
}

export function resultFor(iq: Element, ...payload: Element[]): Element {
  return xml('iq', { type: 'result', id: iq.attrs.id, to: iq.attrs.from, from: iq.attrs.to }, ...payload);
}

export function errorFor(stanza: Element, error: Element): Element {
  const original = stanza.name === 'iq' ? stanza.getChildElements()[0] : undefined;
  return xml(
    stanza.name,
    { type: 'error', id: stanza.attrs.id, to: stanza.attrs.from, from: stanza.attrs.to },
    original,
    error,
  );
}
