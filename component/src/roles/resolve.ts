// A role resolved at send time: whoever holds it and is on duty. Only known
// roles resolve (a base role, protocol BASE_ROLES, or one somebody in the
// directory holds); anything else is an address that does not exist. Role
// messages and quick-response requests (and their escalations) use this.
import { BASE_ROLES, type DirectoryEntry } from '@bleep/protocol';
import type { Store } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';

/** The on-duty holders of `role` but `exclude`; refuses an unknown role or nobody on duty. */
export async function onDutyHolders(
  store: Store,
  role: string,
  exclude: string,
  address: string,
): Promise<DirectoryEntry[]> {
  const holders = (await store.directory.onDutyWithRole(role)).filter((e) => e.jid !== exclude);
  if (holders.length) return holders;
  const known = (BASE_ROLES as readonly string[]).includes(role) || (await store.directory.roleHeld(role));
  if (!known)
    throw new BleepError(
      'unknown-address',
      `There is no role "${role}": ${quote(address)} is not a role anyone in the directory holds, nor a Bleep service. Check the role name.`,
    );
  throw new BleepError(
    'nobody-on-duty',
    `Nobody holds the role "${role}" on duty right now. Try another role, or call the switchboard.`,
  );
}
