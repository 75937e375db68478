// The admin audit log (issue #13 part 6): every admin action with who, what,
// when, and the value before and after. Server admins read it with filters and
// paging (command `audit-log`); the PWA shows and exports it.

/** The query form (from, to, actor, kind, before) and the result table. */
export const FORM_AUDIT_QUERY = 'urn:bleep:audit:query:0';
export const FORM_AUDIT_LOG = 'urn:bleep:audit:log:0';

/** XEP-0050 node on ops.<domain>; Prosody's admins only. */
export const AUDIT_COMMANDS = {
  auditLog: 'audit-log',
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
 * What a record is about, from its target: `person` for an account or a
 * directory entry (a bare JID), else the target up to its first `:`
 * (`preset:code-blue` → `preset`, `template:join-team` → `template`, `incident:k3v7` → `incident`, `site`,
 * `locations`, `setting:BLEEP_UPLOAD_MAX_BYTES` → `setting`). An admin command that writes a new kind of target
 * adds it here.
 */
export const AUDIT_TARGET_KINDS = ['person', 'preset', 'template', 'site', 'incident', 'locations', 'setting'] as const;
