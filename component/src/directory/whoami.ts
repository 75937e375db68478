// whoami: who the component thinks the caller is. Roles come from the
// directory; Prosody's admins always hold 'admin' (DESIGN.md, Roles).
// An account the directory does not know yet is still answered, with its
// local part as the name and no roles, so a new colleague sees who they are.
import type { WhoAmI } from '@bleep/protocol';
import type { DirectoryStore } from '../store/types.ts';
import type { Caller } from '../xmpp/router.ts';

export async function whoami(directory: DirectoryStore, admins: ReadonlySet<string>, caller: Caller): Promise<WhoAmI> {
  const entry = await directory.get(caller.bare);
  const roles = new Set(entry?.roles ?? []);
  if (admins.has(caller.bare)) roles.add('admin');
  return {
    jid: caller.bare,
    name: entry?.name ?? caller.bare.split('@')[0]!,
    roles: [...roles].sort(),
    department: entry?.department ?? '',
  };
}
