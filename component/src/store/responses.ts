// The values the response store keeps (store/types.ts ResponseStore). Wire
// shapes come from protocol/; these add what only the component knows.
import type { Answer, Choice, RequestEvent, RequestPayload, RequestStatus, ResponseRule } from '@bleep/protocol';

/** A context field of a template: a XEP-0004 field the sender fills in. */
export interface TemplateField {
  readonly var: string;
  readonly type: 'text-single' | 'jid-single';
  readonly label: string;
  readonly required?: boolean;
}

/** After `afterMs` without the rule met: ask these people and the on-duty holders of these roles too. */
export interface Escalation {
  readonly afterMs: number;
  readonly people: readonly string[];
  readonly roles: readonly string[];
}

/** What the component does when someone accepts (Join the Team: make them a member of the room in field `room`). */
export type OnAccept = 'join-room';

export interface RequestTemplate {
  readonly id: string;
  readonly title: string;
  readonly choices: readonly Choice[];
  readonly rule: ResponseRule;
  readonly expiresAfterMs?: number;
  readonly escalation?: Escalation;
  readonly fields: readonly TemplateField[];
  readonly onAccept?: OnAccept;
}

export interface Recipient {
  readonly jid: string;
  readonly name: string;
  /** ISO 8601. */
  readonly deliveredAt: string;
}

/** An answer with the device it came from (the audit's "resource"). */
export interface StoredAnswer extends Answer {
  readonly resource: string;
}

/** A request as stored: its template's values copied in at send time, so a later template edit changes nothing sent. */
export interface StoredRequest extends Omit<RequestPayload, 'jid' | 'state'> {
  readonly escalation?: Escalation;
  readonly onAccept?: OnAccept;
  readonly status: RequestStatus;
  readonly statusAt: string;
  /** Everyone addressed, in the order they were reached (escalation adds more). */
  readonly recipients: readonly Recipient[];
  /** Current answers, oldest first. */
  readonly answers: readonly StoredAnswer[];
}

export interface AuditEvent {
  readonly event: RequestEvent;
  /** Bare JID, or '' for the component itself (expiry). */
  readonly who: string;
  readonly choice: string;
  readonly at: string;
  readonly resource: string;
  readonly tookMs?: number;
}

/** What one decision writes: an answer (insert or replace that person's), new recipients, a status, audit events. */
export interface RequestChange {
  readonly answer?: StoredAnswer;
  readonly recipients?: readonly Recipient[];
  readonly status?: { readonly status: RequestStatus; readonly at: string };
  readonly events: readonly AuditEvent[];
}

/** One audit event with its request's identity, as exported (CSV). */
export interface RequestAuditRow extends AuditEvent {
  readonly request: string;
  readonly template: string;
  readonly title: string;
  readonly sender: string;
}

/** The events a new request starts its audit with: created, then one delivered per recipient. */
export function creationEvents(r: StoredRequest, resource: string): AuditEvent[] {
  return [
    { event: 'created', who: r.sender, choice: '', at: r.created, resource },
    ...r.recipients.map((p) => ({
      event: 'delivered' as const,
      who: p.jid,
      choice: '',
      at: p.deliveredAt,
      resource: '',
    })),
  ];
}

const byTime =
  <T>(key: (x: T) => string, tie: (x: T) => string) =>
  (a: T, b: T) =>
    key(a) === key(b) ? (tie(a) < tie(b) ? -1 : 1) : key(a) < key(b) ? -1 : 1;

/**
 * The request after a change, as the store will hold it: the person's answer replaced, new recipients
 * added, the status set. Answers are ordered by time, recipients by delivery (then JID), as the SQL store reads them.
 */
export function applyChange(before: StoredRequest, c: RequestChange): StoredRequest {
  const known = new Set(before.recipients.map((p) => p.jid));
  return {
    ...before,
    answers: c.answer
      ? [...before.answers.filter((a) => a.by !== c.answer!.by), c.answer].sort(
          byTime(
            (a) => a.at,
            (a) => a.by,
          ),
        )
      : before.answers,
    recipients: [...before.recipients, ...(c.recipients ?? []).filter((p) => !known.has(p.jid))].sort(
      byTime(
        (p) => p.deliveredAt,
        (p) => p.jid,
      ),
    ),
    ...(c.status ? { status: c.status.status, statusAt: c.status.at } : {}),
  };
}
