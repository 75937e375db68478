// One IQ and its answer, for every caller in the app (and the Node tests that
// drive the app's code over a real Prosody).
import type { XmlElement } from '@xmpp/client';

interface IqCaller {
  request(iq: XmlElement, timeout: number): Promise<XmlElement>;
}

/**
 * An IQ and its answer. xmpp.js 0.14's IQCaller.request keeps the answer's
 * promise unwatched until its own send has finished: an error answer that
 * comes back first (a quick `forbidden` from a PEP node) rejects it with no
 * handler yet, an unhandled rejection (Node's test workers count it as an
 * error; browsers log "Uncaught (in promise)"). The error still reaches the
 * caller through the returned promise; this only marks the early one seen.
 */
export function request(xmpp: { iqCaller: IqCaller }, iq: XmlElement, timeout = 10_000): Promise<XmlElement> {
  const answer = xmpp.iqCaller.request(iq, timeout);
  const handlers = (xmpp.iqCaller as unknown as { handlers?: Map<string, { promise: Promise<unknown> }> }).handlers;
  handlers?.get(iq.attrs.id as string)?.promise.catch(() => {});
  return answer;
}
