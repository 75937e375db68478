// Who may do what, in one place. Every command and service names one of these
// permissions; nothing else decides. DESIGN.md, Roles and permissions.
//
// Two kinds of admin, on purpose:
// - server-admin: Prosody's `admins` (BLEEP_ADMINS, config.admins). They run
//   the server, so anything about the server is theirs alone: server settings,
//   invites (they create accounts), reading the audit of admin edits.
// - directory-admin: the `admin` role in the staff directory, which server
//   admins always hold too. It runs the hospital's own data: directory edits
//   (roles included) now; templates, presets and the site model later. It
//   never reaches server settings, so a directory edit cannot make anyone a
//   server admin.
//
// | permission      | now                                      | later                                          |
// |-----------------|------------------------------------------|------------------------------------------------|
// | staff           | whoami, directory, duty, write to a role (role-resolve, role-withdraw too), own location, site model (read), alarm-presets, quick responses (request, requests, requests-export: own; answer when asked) | alarms marked "anyone" |
// | dispatcher      | —                                        | broadcast, request assistance                  |
// | locations       | see locations (dispatchers and admins)   |                                                |
// | incidents       | alarm-break-glass, alarm-incidents, alarm-resolve of any incident (dispatchers and admins) |                 |
// | directory-admin | directory-edit, directory-delete, directory-rename-department, directory-rename-role, directory-delete-role, site-edit, alarm-preset-edit, every request in requests and requests-export | templates |
// | server-admin    | directory-audit, audit-log, role-records, accounts, account-disable, -enable, -delete, -password, -devices, device-signout, settings, settings-preview, settings-apply | invites |
import { PERMISSION_ROLES } from '@bleep/protocol';
import type { DirectoryEntry, DirectoryStore } from './store/types.ts';
import { BleepError } from './xmpp/errors.ts';
import type { Caller } from './xmpp/router.ts';

export const PERMISSIONS = {
  staff: 'staff of this hospital',
  dispatcher: 'dispatchers',
  locations: 'dispatchers and admins',
  incidents: 'dispatchers and admins',
  'directory-admin': 'admins',
  'server-admin': "the server's admins",
} as const;
export type Permission = keyof typeof PERMISSIONS;

export interface AuthzDeps {
  /** The hospital's domain: only its accounts are staff (not the MUC, not other components). */
  readonly domain: string;
  /** Prosody's admins, bare and lower-case. */
  readonly admins: ReadonlySet<string>;
  readonly directory: Pick<DirectoryStore, 'get'>;
}

type Known = Pick<DirectoryEntry, 'roles'> | undefined;

type PermissionRole = (typeof PERMISSION_ROLES)[number];

export class Authz {
  private readonly deps: AuthzDeps;

  constructor(deps: AuthzDeps) {
    this.deps = deps;
  }

  isStaff(c: Caller): boolean {
    return c.domain === this.deps.domain && c.bare.includes('@');
  }

  isServerAdmin(c: Caller): boolean {
    return this.isStaff(c) && this.deps.admins.has(c.bare);
  }

  private async hasRole(c: Caller, role: PermissionRole, known?: Known): Promise<boolean> {
    return ((known ?? (await this.deps.directory.get(c.bare)))?.roles ?? []).includes(role);
  }

  /**
   * Whether the caller holds the permission (the directory is read only where a role decides; `known`: the
   * caller's entry already read, so that asking of everyone in a directory listing reads nothing more).
   */
  async holds(c: Caller, p: Permission, known?: Known): Promise<boolean> {
    if (!this.isStaff(c)) return false;
    switch (p) {
      case 'staff':
        return true;
      case 'server-admin':
        return this.isServerAdmin(c);
      case 'directory-admin':
        return this.isServerAdmin(c) || this.hasRole(c, 'admin', known);
      case 'dispatcher':
        return this.hasRole(c, 'dispatcher', known);
      case 'locations':
      case 'incidents':
        return (await this.hasRole(c, 'dispatcher', known)) || this.holds(c, 'directory-admin', known);
    }
  }

  /** Throws not-allowed naming who may, when the caller does not hold the permission. */
  async require(c: Caller, p: Permission, what: string): Promise<void> {
    if (!(await this.holds(c, p))) throw new BleepError('not-allowed', `Only ${PERMISSIONS[p]} may ${what}.`);
  }
}
