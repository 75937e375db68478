// The readable words of requests: bodies for any client, refusal texts,
// status lines. Times are shown as HH:MM UTC (the component does not know the reader's zone).
import type { RequestStatus } from '@bleep/protocol';
import type { StoredRequest } from '../store/types.ts';
import { replyHint } from './match.ts';
import { tally } from './rules.ts';

export const clock = (iso: string): string => `${iso.slice(11, 16)} UTC`;

const RULE_WORDS = {
  exclusive: () => 'First to accept takes it.',
  each: () => 'Everyone answers.',
  quorum: (n: number) => `${n} needed.`,
};

/** The body of the request message: who asks what, its fields, how to answer. */
export function requestBody(r: StoredRequest, replyTo?: string): string {
  const rule = r.rule.kind === 'quorum' ? RULE_WORDS.quorum(r.rule.n) : RULE_WORDS[r.rule.kind]();
  const expires = r.expires ? ` Expires ${clock(r.expires)}.` : '';
  const to = replyTo ? ` here or to ${replyTo} with` : '';
  return [
    `${r.senderName} asks: ${r.title}`,
    ...r.fields.map((f) => `${f.label}: ${f.value}`),
    `Reply${to} ${r.choices.map((c, i) => `${i + 1} = ${c.label}`).join(', ')}. ${rule}${expires}`,
  ].join('\n');
}

/** One line for a status: "Accepted by Dr Okafor at 10:42 UTC." */
export function statusLine(r: StoredRequest): string {
  const t = tally(r.choices, r.recipients.length, r.answers);
  const accepters = r.answers.filter((a) => r.choices.find((c) => c.value === a.choice)?.accepts);
  const words: Record<RequestStatus, () => string> = {
    pending: () => `${t.accepted} of ${t.addressed} accepted, ${t.declined} declined.`,
    escalated: () => `Escalated: now asking ${t.addressed} people; ${t.accepted} accepted so far.`,
    accepted: () =>
      r.rule.kind === 'exclusive' && accepters[0]
        ? `Accepted by ${accepters[0].name} at ${clock(accepters[0].at)}.`
        : `Accepted (${t.accepted} of ${t.addressed}) at ${clock(r.statusAt)}.`,
    declined: () => `Declined: ${t.declined} of ${t.addressed} declined; ${t.accepted} accepted.`,
    expired: () => `Expired at ${clock(r.statusAt)} with ${t.accepted} of ${t.addressed} accepted.`,
    withdrawn: () => `Withdrawn at ${clock(r.statusAt)}: it did not go out.`,
    resolved: () => `Resolved at ${clock(r.statusAt)} with ${t.accepted} of ${t.addressed} accepted.`,
  };
  return words[r.status]();
}

/** What a text reply may be: for the unknown-choice refusal. */
export function unknownChoiceText(r: StoredRequest, said: string): string {
  return `${said} is not an answer to this request. Reply ${replyHint(r.choices)}.`;
}
