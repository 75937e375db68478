// The admin audit log (issue #13 part 6): every admin action with who, what,
// when, and the value before and after. Server admins read it with filters and
// paging (command `audit-log`); the PWA shows and exports it.

/** The query form (from, to, actor, kind, before) and the result table. */
export const FORM_AUDIT_QUERY = 'urn:bleep:audit:query:0';
export const FORM_AUDIT_LOG = 'urn:bleep:audit:log:0';

/** XEP-0050 node on ops.<domain>; Prosody's admins only. */
export const AUDIT_COMMANDS = {
  auditLog: 'audit-log',
  /** Messages to roles as recorded (issue #11): whom each reached, withdrawn or not; never their words. */
  roleRecords: 'role-records',
} as const;

/** Records per page, newest first. */
export const AUDIT_PAGE = 50;

export const AUDIT_LOG_FIELDS = {
  /** XEP-0082 date-time: records at or after it. */
  from: 'from',
  /** XEP-0082 date-time: records before it. */
  to: 'to',
  /** Bare JID of the admin who acted. */
  actor: 'actor',
  /** What the record is about (AUDIT_TARGET_KINDS); empty: everything. */
  kind: 'kind',
  /** A record's id: only records older than it (the next page). */
  before: 'before',
  // The result table's columns (with `actor`).
  id: 'id',
  at: 'at',
  action: 'action',
  target: 'target',
  /** The value before and after, as JSON text; empty when there was none. */
  old: 'old',
  new: 'new',
  /** What changed, in words. */
  change: 'change',
  /**
   * The columns of this row cut short to fit one answer (space-separated: `old new change`), each ending in "…";
   * empty when the row is whole. A cut `old` or `new` is no longer JSON.
   */
  cut: 'cut',
} as const;

/**
 * What a record is about, from its target: the target up to its first `:`, or
 * `person` for an account or a directory entry (a bare JID, which has no `:`)
 * (`preset:code-blue` → `preset`, `template:join-team` → `template`, `incident:k3v7` → `incident`, `site`,
 * `locations`, `setting:BLEEP_UPLOAD_MAX_BYTES` → `setting`, `room:dept-icu-…@conference.…` → `room`, a department
 * room retired or reopened). An admin command that writes a new kind of target
 * adds it here.
 */
export const AUDIT_TARGET_KINDS = [
  'person',
  'preset',
  'template',
  'site',
  'incident',
  'locations',
  'setting',
  'room',
] as const;

/** The role-records command's query form (before) and its result table. */
export const FORM_ROLE_RECORDS_QUERY = 'urn:bleep:role:records:query:0';
export const FORM_ROLE_RECORDS = 'urn:bleep:role:records:0';

/** role-records: a page of AUDIT_PAGE records, newest first. Nothing of a message's words is stored, so none is shown. */
export const ROLE_RECORDS_FIELDS = {
  /** A record's id: only records older than it (the next page). */
  before: 'before',
  // The result table's columns.
  id: 'id',
  /** XEP-0082 date-time: when it was written to the role. */
  at: 'at',
  /** Bare JID of who wrote it. */
  sender: 'sender',
  role: 'role',
  /** Whom it reached, as JSON text: [{ "jid", "name" }], the on-duty holders then; [] once withdrawn. */
  reached: 'reached',
  /** XEP-0082 date-time when its sender withdrew it (cancelled, so it reached nobody); empty if never. */
  withdrawn: 'withdrawn',
  /** `client` when the sender's app wrote to the holders itself (encrypted), `component` when the service relayed it. */
  via: 'via',
  /** As AUDIT_LOG_FIELDS.cut: `reached` when its list was too long for one answer and cut short. */
  cut: 'cut',
} as const;
