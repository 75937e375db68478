// Typed values that cross the wire. No XML here: codecs in component/ and
// pwa/ turn stanzas into these and back.

/** Roles a staff member can hold. Specialties (cardiology, anaesthesia …) are free-form strings beside them. */
export const BASE_ROLES = ['admin', 'dispatcher', 'doctor', 'nurse'] as const;
export type BaseRole = (typeof BASE_ROLES)[number];
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
  /** Admins: add or change a directory entry. */
  directoryEdit: 'directory-edit',
  /** Server admins: the latest admin edits, from the audit record. */
  directoryAudit: 'directory-audit',
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
  'nobody-on-duty',
  'too-big',
  'unsupported',
  'internal',
  'unknown-address',
  'unknown-node',
  'too-many-sessions',
  'rate-limited',
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
