// The component's service on ops.<domain> as a whole: its reserved addresses,
// the XEP-0050 command nodes of the directory and quick responses (the other
// features list theirs beside their types), and the keys of the error registry.

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
  /** The sender cancelled a role message role-resolve recorded: the record then says it reached nobody. */
  roleWithdraw: 'role-withdraw',
  /** Admins: add or change a directory entry. */
  directoryEdit: 'directory-edit',
  /** Admins: delete a directory entry (the account stays; issue #13 part 2). */
  directoryDelete: 'directory-delete',
  /** Admins: rename a department for all its staff at once; it keeps its room, which takes the new name. */
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
  'template-in-use',
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
  'site-changed',
  'settings-not-applied',
  'unknown-role-message',
  'role-message-withdrawn',
  'alarm-not-raised',
  'starting',
] as const;
export type ErrorKey = (typeof ERROR_KEYS)[number];
