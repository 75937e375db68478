// What a request's state means to the people looking at it: one line of
// status ("Accepted by Dr Kofi Mensah at 10:44"), the tally, whether this user
// may still answer, and which of two states is the newer. Pure functions.
import { OPEN_STATUSES, type RequestPayload, type RequestState } from '@bleep/protocol';
import { instant } from '../../../xmpp/stamp.ts';

const TIME = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
export type TimeFormat = (iso: string) => string;
const localTime: TimeFormat = (iso) => (iso ? TIME.format(new Date(iso)) : '');

export const isOpen = (s: RequestState) => OPEN_STATUSES.includes(s.status);

const newestAnswer = (s: RequestState) => Math.max(0, ...s.answers.map((a) => instant(a.at)));

/**
 * The newer of two states of one request (protocol: the newest <state/> for an
 * id replaces any earlier one). Archive pages come in any order, so arrival
 * order alone cannot say: the later status change wins, then the later
 * answer, then the one that came last; a closed request never reopens.
 */
export function newerState(cur: RequestState | undefined, next: RequestState): RequestState {
  if (!cur || cur.id !== next.id) return next;
  if (!isOpen(cur) && isOpen(next)) return cur;
  if (isOpen(cur) && !isOpen(next)) return next;
  const by = instant(next.at) - instant(cur.at) || newestAnswer(next) - newestAnswer(cur);
  return by >= 0 ? next : cur;
}

function names(s: RequestState, accepted: (choice: string) => boolean): string {
  return s.answers
    .filter((a) => accepted(a.choice))
    .map((a) => a.name || a.by)
    .join(', ');
}

/** "2 accepted · 1 declined · 3 waiting". */
export function tallyLine(s: RequestState): string {
  const waiting = Math.max(0, s.addressed - s.accepted - s.declined);
  return [`${s.accepted} accepted`, `${s.declined} declined`, `${waiting} waiting`].join(' · ');
}

/** The status in words, for the request's line and the conversation list. */
export function statusLine(r: Pick<RequestPayload, 'rule' | 'choices'>, s: RequestState, time = localTime): string {
  const { rule } = r;
  const accepts = (choice: string) => !!r.choices.find((c) => c.value === choice)?.accepts;
  const winners = names(s, accepts);
  switch (s.status) {
    case 'accepted': {
      const last = s.answers.filter((a) => accepts(a.choice)).at(-1);
      if (rule.kind === 'exclusive' && last) return `Accepted by ${last.name || last.by} at ${time(last.at)}`;
      return `Accepted at ${time(s.at)}${winners ? ` (${winners})` : ''}`;
    }
    case 'declined':
      return `Declined at ${time(s.at)}`;
    case 'expired':
      return `Expired at ${time(s.at)}, ${s.accepted} accepted`;
    case 'escalated':
      return `Escalated at ${time(s.at)}: still waiting`;
    case 'withdrawn':
      return `Withdrawn at ${time(s.at)}: it did not go out`;
    case 'resolved':
      return `Resolved at ${time(s.at)}, ${s.accepted} accepted`;
    default:
      if (rule.kind === 'quorum') return `Waiting: ${s.accepted} of ${rule.n} needed`;
      if (rule.kind === 'each') return `Waiting: ${s.accepted + s.declined} of ${s.addressed} answered`;
      return 'Waiting for an answer';
  }
}

/** This user's current answer (a choice value), '' when none. */
export const answerOf = (s: RequestState, me: string) => s.answers.find((a) => a.by === me)?.choice ?? '';

/**
 * Whether the rule still lets `me` answer: the request is open and `me` is not
 * its sender. Whether `me` was addressed (a room's members at send time) only
 * the component knows; it refuses with a text, which the line shows.
 */
export const mayAnswer = (r: RequestPayload, s: RequestState, me: string) => isOpen(s) && !!me && r.sender !== me;
