// The answer path's decision, run under the request's lock (store change):
// who may answer, when, and what the rule makes of it. Throws a BleepError
// to refuse, and then nothing is written.
import type { Choice } from '@bleep/protocol';
import type { RequestChange, StoredAnswer, StoredRequest } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import { decided, isOpen, tally } from './rules.ts';
import { clock, statusLine } from './words.ts';

/** Refuses when this request cannot take an answer from `by` at `now` (not addressed, withdrawn, resolved, expired, closed). */
export function checkAnswerable(r: StoredRequest, by: string, now: string): void {
  if (!r.recipients.some((p) => p.jid === by))
    throw new BleepError('not-addressed', `"${r.title}" was not sent to you, so you cannot answer it.`);
  if (r.status === 'withdrawn')
    throw new BleepError(
      'request-closed',
      `"${r.title}" was withdrawn at ${clock(r.statusAt)}: it did not go out. Your answer was not recorded; contact ${r.senderName} directly.`,
    );
  if (r.status === 'resolved')
    throw new BleepError(
      'request-closed',
      `"${r.title}" was resolved at ${clock(r.statusAt)}; your answer was not recorded.`,
    );
  if (r.status === 'expired' || (r.expires && now >= r.expires))
    throw new BleepError(
      'request-expired',
      `"${r.title}" expired at ${r.expires?.slice(11, 16)} UTC. Your answer was not recorded; contact ${r.senderName} directly.`,
    );
  if (!isOpen(r.status))
    throw new BleepError(
      'request-closed',
      `This request is closed: ${statusLine(r)
        .replace(/\.$/, '')
        .replace(/^./, (c) => c.toLowerCase())}. Your answer was not recorded.`,
    );
}

/** The change an answer makes: the person's answer (new or changed), audit events, and the status the rule reaches. */
export function decideAnswer(r: StoredRequest, a: StoredAnswer): RequestChange {
  checkAnswerable(r, a.by, a.at);
  const choice: Choice | undefined = r.choices.find((c) => c.value === a.choice);
  if (!choice) throw new BleepError('bad-answer', `This request has no choice "${a.choice.slice(0, 60)}".`);
  const earlier = r.answers.find((x) => x.by === a.by);
  // The same answer again (a resent stanza, a second device) records nothing new.
  if (earlier?.choice === a.choice) return { events: [] };
  const delivered = r.recipients.find((p) => p.jid === a.by)!.deliveredAt;
  const answers = [...r.answers.filter((x) => x.by !== a.by), a];
  const status = decided(r.rule, tally(r.choices, r.recipients.length, answers));
  const tookMs = Math.max(0, Date.parse(a.at) - Date.parse(delivered));
  return {
    answer: a,
    events: [
      { event: earlier ? 'changed' : 'answered', who: a.by, choice: a.choice, at: a.at, resource: a.resource, tookMs },
      ...(status ? [{ event: status, who: '', choice: '', at: a.at, resource: '' }] : []),
    ],
    ...(status ? { status: { status, at: a.at } } : {}),
  };
}
