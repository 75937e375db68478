// What closes or widens a request without an answer: the persisted timers'
// expiry and escalation (scheduler/), and the component closing it (its alarm's incident failed or resolved). Each
// runs under the request's lock and is idempotent: a timer fired twice (the
// scheduler is at-least-once) finds the request already changed and writes nothing.
import type { RequestStatus } from '@bleep/protocol';
import type { Recipient, RequestChange, StoredRequest } from '../store/types.ts';
import { isOpen } from './rules.ts';

export function decideExpiry(r: StoredRequest, now: string): RequestChange {
  if (!isOpen(r.status)) return { events: [] };
  return {
    status: { status: 'expired', at: now },
    events: [{ event: 'expired', who: '', choice: '', at: now, resource: '' }],
  };
}

/** Why the component closes a request: it did not go out (`withdrawn`), or what it asked about is over (`resolved`). */
export type ClosedBy = Extract<RequestStatus, 'withdrawn' | 'resolved'>;

/** Closed by the component (an alarm's incident failed or resolved, alarms/ack-request.ts): no answer is taken after. */
export function decideClosing(r: StoredRequest, now: string, by: ClosedBy): RequestChange {
  if (!isOpen(r.status)) return { events: [] };
  return {
    status: { status: by, at: now },
    events: [{ event: by, who: '', choice: '', at: now, resource: '' }],
  };
}

/** Still pending (the rule not met): ask `more` too (those not yet asked), and mark it escalated. */
export function decideEscalation(r: StoredRequest, more: readonly Recipient[], now: string): RequestChange {
  if (r.status !== 'pending') return { events: [] };
  const asked = new Set([...r.recipients.map((p) => p.jid), r.sender]);
  const added = more.filter((p) => !asked.has(p.jid));
  return {
    recipients: added,
    status: { status: 'escalated', at: now },
    events: [
      { event: 'escalated', who: '', choice: '', at: now, resource: '' },
      ...added.map((p) => ({ event: 'delivered' as const, who: p.jid, choice: '', at: p.deliveredAt, resource: '' })),
    ],
  };
}
