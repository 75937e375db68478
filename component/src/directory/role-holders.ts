// Who holds a role that an admin renames or takes from everyone
// (directory-rename-role, directory-delete-role), once the change is known to
// be safe: a role that gives permissions (authz.ts) is changed person by
// person, and one an alarm preset names is changed in the preset first, or
// its alarms would reach nobody.
import { PERMISSION_ROLES, type AlarmPreset } from '@bleep/protocol';
import type { PresetStore } from '../store/alarm-types.ts';
import type { DirectoryEntry, DirectoryStore } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';

const names = (p: AlarmPreset, role: string) =>
  p.responders.roles.includes(role) ||
  p.triggerRoles.includes(role) ||
  p.ack.some((a) => a.role === role) ||
  p.ladder.some((s) => s.roles.includes(role));

/** A role that gives permissions is given or taken person by person, never to or from many at once. */
export function refusePermissionRole(role: string): void {
  if ((PERMISSION_ROLES as readonly string[]).includes(role))
    throw new BleepError(
      'bad-form',
      `The role ${quote(role)} gives permissions: give or take it person by person, on their entry.`,
    );
}

export async function holdersOf(
  role: string,
  directory: DirectoryStore,
  presets: PresetStore,
): Promise<DirectoryEntry[]> {
  refusePermissionRole(role);
  const naming = (await presets.list()).filter((p) => names(p, role)).map((p) => p.id);
  if (naming.length)
    throw new BleepError(
      'bad-form',
      `The alarm presets ${naming.join(', ')} name the role ${quote(role)}: change them first, or their alarms would miss its holders.`,
    );
  const staff = (await directory.list()).filter((e) => e.roles.includes(role));
  if (!staff.length) throw new BleepError('bad-form', `Nobody holds the role ${quote(role)}.`);
  return staff;
}
