// Quick responses (issue #8; the alarms of #10 and the dispatcher map of #9
// reuse the same rules, tallies and answer path). protocol/README.md,
// "Quick responses", describes the stanzas; fixtures/request-*.xml are golden.
// Typed values only: codecs in component/ and pwa/ turn stanzas into these.

/** How answers decide a request. `quorum` needs `n` accepts; `each` needs everyone. */
export type ResponseRule =
  { readonly kind: 'exclusive' } | { readonly kind: 'each' } | { readonly kind: 'quorum'; readonly n: number };
export const RULE_KINDS = ['exclusive', 'each', 'quorum'] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

export const CHOICE_STYLES = ['primary', 'danger', 'neutral'] as const;
export type ChoiceStyle = (typeof CHOICE_STYLES)[number];

/** One button. `accepts` says whether choosing it counts towards the rule (Accept, On my way) or against it (Decline, Can't). */
export interface Choice {
  /** Stable machine value, lower-case letters, digits and -: what <answer choice=""/> and a XEP-0439 client send. */
  readonly value: string;
  readonly label: string;
  readonly style: ChoiceStyle;
  readonly accepts: boolean;
}

/**
 * Where a request stands. `escalated` is still open (answers count) after its
 * escalation went out; `accepted`, `declined` and `expired` are closed.
 * exclusive: accepted at the first accept, declined when everyone declined.
 * quorum n: accepted at n accepts, declined when n can no longer be reached.
 * each: accepted when everyone accepted, declined when everyone answered and someone declined.
 */
/**
 * The closed statuses. Closed by the component, not by answers: `withdrawn` because it did not go out (an alarm whose
 * incident failed), `resolved` because what it asked about is over (an alarm whose incident was resolved).
 */
const CLOSED_STATUSES = ['accepted', 'declined', 'expired', 'withdrawn', 'resolved'] as const;
export const REQUEST_STATUSES = ['pending', 'escalated', ...CLOSED_STATUSES] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const OPEN_STATUSES: readonly RequestStatus[] = ['pending', 'escalated'];

/** One person's current answer (a changed answer replaces it; the audit keeps both). */
export interface Answer {
  /** Bare JID of who answered. */
  readonly by: string;
  readonly name: string;
  /** Choice value. */
  readonly choice: string;
  /** ISO 8601. */
  readonly at: string;
}

/** The live state and tally of a request: <state/> on the wire. */
export interface RequestState {
  /** Request id (the `<id>` of `req-<id>@ops.<domain>`). */
  readonly id: string;
  readonly status: RequestStatus;
  /** People addressed, accepts and declines so far; waiting = addressed − answered. */
  readonly addressed: number;
  readonly accepted: number;
  readonly declined: number;
  /** Current answers, oldest first. */
  readonly answers: readonly Answer[];
  /** ISO 8601: when the status last changed. */
  readonly at: string;
}

/**
 * Who a request was sent to: people (not listed on the wire: state.addressed
 * counts them), the on-duty holders of a role (resolved at send time), or a
 * room's members at send time. On the wire: <audience kind="people|role|room">role or room JID</audience>.
 */
export type Audience =
  | { readonly kind: 'people' }
  | { readonly kind: 'role'; readonly role: string }
  | { readonly kind: 'room'; readonly room: string };

/** A context field a sender fills in (bed, ETA, note): declared as a XEP-0004 field in the template. */
export interface RequestField {
  readonly var: string;
  readonly label: string;
  readonly value: string;
}

/** A request as every recipient gets it: <request/> on the wire. */
export interface RequestPayload {
  readonly id: string;
  /** Where answers go: req-<id>@ops.<domain>. */
  readonly jid: string;
  /** Template id, e.g. accept-patient. */
  readonly template: string;
  readonly title: string;
  readonly rule: ResponseRule;
  readonly sender: string;
  readonly senderName: string;
  readonly audience: Audience;
  readonly choices: readonly Choice[];
  readonly fields: readonly RequestField[];
  /** ISO 8601. */
  readonly created: string;
  /** ISO 8601; absent when the template never expires. */
  readonly expires?: string;
  readonly state: RequestState;
  /**
   * Only in the sender's own copy: the chat (a person's bare JID) it was sent from, as the `request` command's
   * hidden `chat` field gave it; the sender's clients show their copy there.
   */
  readonly chat?: string;
}

/** The seeded templates (the component may hold more; these ids are stable). */
export const TEMPLATE_IDS = {
  acceptPatient: 'accept-patient',
  confirmAppointment: 'confirm-appointment',
  joinTeam: 'join-team',
  requestAssistance: 'request-assistance',
} as const;

/** Field vars of the `request` command's step 1 form (FORM_REQUEST). Give exactly one of people, role, room. */
export const REQUEST_FIELDS = {
  template: 'template',
  /** jid-multi: bare JIDs of the domain. */
  people: 'people',
  /** text-single: a role; its on-duty holders at send time. */
  role: 'role',
  /** jid-single: a room on conference.<domain>; its members. */
  room: 'room',
  /** hidden: the chat (a person's bare JID) the request is sent from; the sender's own copy says it. */
  chat: 'chat',
} as const;

/** Field vars of the `request` result form (FORM_REQUEST_SENT). */
export const REQUEST_SENT_FIELDS = { id: 'id', jid: 'jid', addressed: 'addressed' } as const;

/** Columns of the `requests` table (FORM_REQUESTS), newest first. */
export const REQUESTS_FIELDS = {
  id: 'id',
  jid: 'jid',
  template: 'template',
  title: 'title',
  sender: 'sender',
  status: 'status',
  addressed: 'addressed',
  accepted: 'accepted',
  declined: 'declined',
  /** One value per answer: "<jid> <choice> <ISO time>". */
  answers: 'answers',
  created: 'created',
  expires: 'expires',
} as const;

/** `requests-export`: one text-multi field `csv`, one value per CSV line, header first. */
export const REQUESTS_EXPORT_FIELDS = { csv: 'csv' } as const;
/** CSV columns of the audit export (RFC 4180). took_ms: from the delivery to this answer. */
export const AUDIT_CSV_COLUMNS = [
  'request',
  'template',
  'title',
  'sender',
  'event',
  'who',
  'choice',
  'at',
  'resource',
  'took_ms',
] as const;
/**
 * Audit events of a request, append-only: sent, reached someone, a first
 * answer, a changed answer, escalated, and the closing status.
 */
export const REQUEST_EVENTS = ['created', 'delivered', 'answered', 'changed', 'escalated', ...CLOSED_STATUSES] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];
