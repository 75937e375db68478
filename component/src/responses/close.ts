// What closes or widens a request without an answer: the persisted timers'
// expiry and escalation (scheduler/), and a withdrawal. Each
// runs under the request's lock and is idempotent: a timer fired twice (the
// scheduler is at-least-once) finds the request already changed and writes nothing.
import type { Recipient, RequestChange, StoredRequest } from '../store/types.ts';
import { isOpen } from './rules.ts';

export function decideExpiry(r: StoredRequest, now: string): RequestChange {
  if (!isOpen(r.status)) return { events: [] };
  return {
    status: { status: 'expired', at: now },
    events: [{ event: 'expired', who: '', choice: '', at: now, resource: '' }],
  };
}

/** Closed because it did not go out (an alarm whose incident failed, alarms/unraised.ts): no answer is taken after. */
export function decideWithdrawal(r: StoredRequest, now: string): RequestChange {
  if (!isOpen(r.status)) return { events: [] };
  return {
    status: { status: 'withdrawn', at: now },
    events: [{ event: 'withdrawn', who: '', choice: '', at: now, resource: '' }],
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
