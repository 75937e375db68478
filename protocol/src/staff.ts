// Staff, the directory and role addressing (issue #3): who someone is, their
// directory entry, and who a message to a role reached. Typed values only.

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

/** Field vars of the whoami result form (FORM_WHOAMI). `roles` is list-multi: one <value/> per role. */
export const WHOAMI_FIELDS = {
  jid: 'jid',
  name: 'name',
  roles: 'roles',
  department: 'department',
} as const;

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
