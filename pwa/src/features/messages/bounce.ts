// A message to the operations service (ops.<domain>: role messages, later
// alarms) that bounced because the service was away for a moment is sent
// again, with the same id and origin-id, a bounded number of times with a
// growing pause; the component delivers a repeat once (protocol/README.md,
// "Role addressing"). What then still did not go is shown as not sent, with
// the reason, never dropped in silence (issue #14).
import { NS_STANZAS } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

/**
 * Conditions that mean "not now" rather than "no": Prosody's bounce while the
 * component is disconnected (remote-server-timeout, "Component unavailable"),
 * service-unavailable while a server restarts or the component is still
 * starting (type wait, `starting`), and the component's own
 * internal-server-error of type wait (its database was away). A refusal such as
 * nobody-on-duty or rate-limited is an answer, not sent again.
 */
const TRANSIENT = ['remote-server-timeout', 'service-unavailable', 'internal-server-error'];

/** Sent again at most this often, after 1 s, 2 s, 4 s: about 7 s in all, then the user decides. */
export const RESEND = { attempts: 3, firstMs: 1_000 } as const;
/** A message to the service with neither a confirmation nor a bounce by then was lost on its way (a restart): sent again. */
export const ANSWER_MS = 10_000;

export interface Bounce {
  /** The id of our message that bounced. */
  readonly id: string;
  readonly transient: boolean;
  /** The server's text, or a sentence saying what happened. */
  readonly reason: string;
}

const fromService = (el: XmlElement, opsHost: string) => {
  const from = (el.attrs.from ?? '').split('/')[0]!;
  return from === opsHost || from.endsWith(`@${opsHost}`);
};

/** A message error from the operations service, or undefined for anything else. */
export function parseBounce(el: XmlElement, opsHost: string): Bounce | undefined {
  if (el.name !== 'message' || el.attrs.type !== 'error' || !opsHost || !fromService(el, opsHost)) return undefined;
  const error = el.getChild('error');
  const transient = TRANSIENT.some((c) => error?.getChild(c, NS_STANZAS));
  const text = error?.getChildText('text', NS_STANZAS);
  const reason = !text || text === 'Component unavailable' ? 'The operations service could not be reached.' : text;
  return { id: el.attrs.id ?? '', transient, reason };
}

/** How long to wait before sending again after `tries` sends, or undefined when it is time to give up. */
export function resendAfter(tries: number): number | undefined {
  return tries > RESEND.attempts ? undefined : RESEND.firstMs * 2 ** (tries - 1);
}
