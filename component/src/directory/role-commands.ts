// directory-rename-role and directory-delete-role: an admin renames a role, or
// takes it away, for everyone who holds it at once (issue #13 part 2). Roles
// are names on entries (protocol types.ts): a role exists while someone holds
// it, so giving one to a person (directory-edit) is how a role is made. Each
// entry is checked with the one entry rule (validate.ts) and saved with its
// own audit record (roles old → new).
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { PresetStore } from '../store/alarm-types.ts';
import type { DirectoryStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import type { DirectoryChanges } from './changes.ts';
import { editEach, people } from './edit-each.ts';
import { ROLE_DELETE_FORM, ROLE_RENAME_FORM } from './forms.ts';
import { holdersOf, refusePermissionRole } from './role-holders.ts';
import { entryProblems } from './validate.ts';

const roleOf = (v: unknown) =>
  String(v ?? '')
    .trim()
    .toLowerCase();

export function renameRoleCommand(
  directory: DirectoryStore,
  presets: PresetStore,
  changes: DirectoryChanges,
  domain: string,
): Command {
  return {
    node: COMMANDS.directoryRenameRole,
    waitsFor: ['alarms'], // the presets' trigger roles: seeded at start
    name: 'Rename a role',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: ROLE_RENAME_FORM, last: true };
      const from = roleOf(input![F.role]);
      const to = roleOf(input![F.newRole]);
      if (!to || to === from) throw new BleepError('bad-form', 'The new name must differ from the old one.');
      refusePermissionRole(to);
      const staff = await holdersOf(from, directory, presets);
      const renamed = (roles: readonly string[]) => [...new Set(roles.map((r) => (r === from ? to : r)))];
      const problems = entryProblems({ ...staff[0]!, roles: renamed(staff[0]!.roles) }, domain).filter((p) =>
        p.startsWith('Roles'),
      );
      if (problems.length) throw new BleepError('bad-form', `The new name has problems: ${problems.join('; ')}.`);
      await editEach(directory, changes, staff, (e) => ({ ...e, roles: renamed(e.roles) }), {
        actor: caller.bare,
        action: COMMANDS.directoryRenameRole,
      });
      return { kind: 'done', note: `Renamed the role ${from} to ${to} for ${people(staff.length)}.` };
    },
  };
}

export function deleteRoleCommand(directory: DirectoryStore, presets: PresetStore, changes: DirectoryChanges): Command {
  return {
    node: COMMANDS.directoryDeleteRole,
    waitsFor: ['alarms'], // the presets' trigger roles: seeded at start
    name: 'Delete a role',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: ROLE_DELETE_FORM, last: true };
      const role = roleOf(input![F.role]);
      const staff = await holdersOf(role, directory, presets);
      await editEach(directory, changes, staff, (e) => ({ ...e, roles: e.roles.filter((r) => r !== role) }), {
        actor: caller.bare,
        action: COMMANDS.directoryDeleteRole,
      });
      return { kind: 'done', note: `Took the role ${quote(role)} from ${people(staff.length)}.` };
    },
  };
}
