// A message to the operations service (ops.<domain>: role messages) that
// bounced because the service was away is sent again, with the same id and
// origin-id, with a growing pause, until it goes; the component delivers a
// repeat once (protocol/README.md, "Role addressing"). A hospital expects a
// message to a role to arrive when the service is back, however long its
// restart takes, as alarms and chat messages do (issue #14). A refusal that
// is an answer ends it, with its text, never dropped in silence.
import { NS_BLEEP_ERRORS, NS_STANZAS } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import { serviceAway } from '../forms/command.ts';

/** Sent again after 1 s, 2 s, 4 s, 8 s, 16 s, then every 30 s, for as long as the service is away. */
export const RESEND = { firstMs: 1_000, maxMs: 30_000 } as const;
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
  const kids = (error?.children ?? []).filter((c): c is XmlElement => typeof c !== 'string');
  const condition = kids.find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name ?? '';
  const application = kids.find((c) => c.attrs.xmlns === NS_BLEEP_ERRORS);
  // "Not now" rather than "no": the one rule of commands to the service (forms/command.ts), or the component's own
  // internal-server-error of type wait (its database was away). nobody-on-duty, rate-limited… are answers.
  const internal = condition === 'internal-server-error' && error?.attrs.type === 'wait';
  const transient = serviceAway({ condition, application }) || internal;
  const text = error?.getChildText('text', NS_STANZAS);
  const reason = !text || text === 'Component unavailable' ? 'The operations service could not be reached.' : text;
  return { id: el.attrs.id ?? '', transient, reason };
}

/** How long to wait before sending again after `tries` sends (1 or more): it never gives up while the service is away. */
export const resendAfter = (tries: number): number =>
  Math.min(RESEND.maxMs, RESEND.firstMs * 2 ** Math.max(0, tries - 1));
