// Typed values that cross the wire. No XML here: codecs in component/ and
// pwa/ turn stanzas into these and back.

/** Roles a staff member can hold. Specialties (cardiology, anaesthesia …) are free-form strings beside them. */
export const BASE_ROLES = ['admin', 'dispatcher', 'doctor', 'nurse'] as const;
export type BaseRole = (typeof BASE_ROLES)[number];
/** The roles that give permissions (component authz.ts): given or taken person by person, never renamed for many at once. */
export const PERMISSION_ROLES = ['admin', 'dispatcher'] as const satisfies readonly BaseRole[];
export type Role = BaseRole | (string & {});

/** The answer of the whoami command: who the component thinks the caller is. */
export interface WhoAmI {
  /** Bare JID of the caller. */
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department: string;
}

/**
 * Local parts under ops.<domain> kept for Bleep's services (quick responses,
 * alarms), and prefixes such as `req-` for `req-<id>@ops.<domain>`. No role
 * may take one of these names: every other local part is a role.
 */
export const SERVICE_LOCALPARTS = ['requests', 'alarms'] as const;
export const SERVICE_PREFIXES = ['req-'] as const;

/** XEP-0050 command nodes served by the component at ops.<domain>. */
export const COMMANDS = {
  whoami: 'whoami',
  /** Search the staff directory: by name, role, department. */
  directory: 'directory',
  /** Go on or off duty (your own entry). */
  duty: 'duty',
  /** Writing to a role with encryption on: who holds it on duty, to encrypt for them (recorded as a delivery). */
  roleResolve: 'role-resolve',
  /** Admins: add or change a directory entry. */
  directoryEdit: 'directory-edit',
  /** Admins: delete a directory entry (the account stays; issue #13 part 2). */
  directoryDelete: 'directory-delete',
  /** Admins: rename a department for all its staff at once; its room moves with them. */
  directoryRenameDepartment: 'directory-rename-department',
  /** Admins: rename a role for everyone who holds it. */
  directoryRenameRole: 'directory-rename-role',
  /** Admins: take a role from everyone who holds it. */
  directoryDeleteRole: 'directory-delete-role',
  /** Server admins: the latest admin edits, from the audit record. */
  directoryAudit: 'directory-audit',
  /** Send a quick-response request (issue #8). */
  request: 'request',
  /** Your own requests with their live state and tally (admins: all). */
  requests: 'requests',
  /** Requests and their audit trail as CSV (admins: all; others their own). */
  requestsExport: 'requests-export',
} as const;
export type CommandNode = (typeof COMMANDS)[keyof typeof COMMANDS];

/** Field vars of the whoami result form (FORM_WHOAMI). `roles` is list-multi: one <value/> per role. */
export const WHOAMI_FIELDS = {
  jid: 'jid',
  name: 'name',
  roles: 'roles',
  department: 'department',
} as const;

/** Keys of Bleep's error registry, sent as <KEY xmlns="urn:bleep:errors:0"/> beside the standard condition. */
export const ERROR_KEYS = [
  'bad-stanza',
  'unknown-command',
  'unknown-session',
  'bad-form',
  'not-allowed',
  'not-in-directory',
  'unknown-entry',
  'nobody-on-duty',
  'too-big',
  'unsupported',
  'internal',
  'unknown-address',
  'unknown-node',
  'too-many-sessions',
  'rate-limited',
  'unknown-request',
  'unknown-template',
  'not-addressed',
  'request-expired',
  'request-closed',
  'bad-answer',
  'unknown-choice',
  'bad-location',
  'not-on-duty',
  'unknown-place',
  'already-extended',
  'unknown-account',
  'bad-token',
  'unknown-device',
  'unknown-invite',
  'invite-expired',
  'settings-refused',
  'settings-busy',
  'settings-hand-edits',
  'settings-not-applied',
] as const;
export type ErrorKey = (typeof ERROR_KEYS)[number];

/** A staff directory entry (issue #3): the component owns it. */
export interface DirectoryEntry {
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly department: string;
  /** Phone extension, free text such as "4711". */
  readonly extension: string;
  readonly onDuty: boolean;
}

/**
 * A directory entry as clients see it: with presence. Online means at least
 * one session of the person has sent presence to the component (the PWA does
 * on every stream), so staff see each other without roster subscriptions.
 */
export interface DirectoryListing extends DirectoryEntry {
  readonly online: boolean;
}

/** Field vars shared by the directory forms and result tables. */
export const DIRECTORY_FIELDS = {
  query: 'q',
  jid: 'jid',
  name: 'name',
  roles: 'roles',
  department: 'department',
  /** directory-rename-department: the department's new name. */
  newDepartment: 'new-department',
  /** directory-rename-role, directory-delete-role: the role, and its new name. */
  role: 'role',
  newRole: 'new-role',
  extension: 'extension',
  onDuty: 'on-duty',
  online: 'online',
} as const;

/** Columns of the audit table (FORM_DIRECTORY_AUDIT): one row per admin edit, newest first. */
export const AUDIT_FIELDS = {
  at: 'at',
  actor: 'actor',
  target: 'target',
  change: 'change',
} as const;

/** Role addressing (issue #3): who a message to <role>@ops.<domain> reached. */
export interface RoleDelivery {
  readonly id: string;
  readonly role: string;
  readonly sender: string;
  readonly reached: readonly { readonly jid: string; readonly name: string }[];
  /** ISO 8601. */
  readonly at: string;
}

/** Field vars of the role-resolve form (FORM_ROLE_RESOLVE) and its result table (FORM_ROLE_RESOLVED). */
export const ROLE_RESOLVE_FIELDS = {
  role: 'role',
  /** The message's XEP-0359 origin-id: the same id again (a retry) gives the same people and one record. */
  messageId: 'message-id',
  jid: 'jid',
  name: 'name',
} as const;

/**
 * The room configuration Bleep submits when it creates a room (XEP-0045 §10.1.3,
 * muc#roomconfig): members-only, non-anonymous (ready for OMEMO), persistent,
 * hidden. Declared once for the component (department rooms) and the PWA.
 */
export const ROOM_CONFIG: Readonly<Record<string, string>> = {
  'muc#roomconfig_membersonly': '1',
  'muc#roomconfig_whois': 'anyone',
  'muc#roomconfig_persistentroom': '1',
  'muc#roomconfig_publicroom': '0',
};

/**
 * Bleep's own room option (prosody/modules/mod_bleep_muc_readonly.lua): '1' makes everyone but the room's owners
 * a visitor, present or joining later; affiliations, and so the archive, stay. Set on a resolved incident room.
 */
export const ROOM_READONLY = 'bleep#roomconfig_readonly';

// ---------------------------------------------------------------------------
// Quick responses (issue #8; the alarms of #10 and the dispatcher map of #9
// reuse the same rules, tallies and answer path). protocol/README.md,
// "Quick responses", describes the stanzas; fixtures/request-*.xml are golden.

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
export const REQUEST_STATUSES = ['pending', 'escalated', 'accepted', 'declined', 'expired'] as const;
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
export const REQUEST_EVENTS = [
  'created',
  'delivered',
  'answered',
  'changed',
  'escalated',
  'accepted',
  'declined',
  'expired',
] as const;
export type RequestEvent = (typeof REQUEST_EVENTS)[number];
