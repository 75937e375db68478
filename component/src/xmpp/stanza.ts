// Replies: swap the addresses, keep the id. RFC 6120 §8.3.1: never answer an
// error. An error MAY carry the original payload (§8.3.1); Bleep's do not:
// echoing what a user sent let one stanza grow past Prosody's limit for the
// component (issue #14), and the text already says what was wrong.
import { xml, type Element } from './xml.ts';

export function isStanza(el: Element): boolean {
  return el.name === 'iq' || el.name === 'message' || el.name === 'presence';
}

export function resultFor(iq: Element, ...payload: Element[]): Element {
  return xml('iq', { type: 'result', id: iq.attrs.id, to: iq.attrs.from, from: iq.attrs.to }, ...payload);
}

export function errorFor(stanza: Element, error: Element): Element {
  return xml(stanza.name, { type: 'error', id: stanza.attrs.id, to: stanza.attrs.from, from: stanza.attrs.to }, error);
}
