// Keeps a department room's member list equal to its staff in the directory.
// The component grants and takes only 'member': owners and admins were made
// by people and keep their place, and an outcast (banned) stays out. Server
// admins count as owners: Prosody refuses to change their affiliation
// (not-acceptable), and they are owners of every room anyway (DESIGN.md trap).
import type { Affiliation, Muc } from '../xmpp/muc.ts';

export interface MembershipPlan {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

/** What to change so that exactly `wanted` (bare JIDs) hold 'member' or more. */
export function membershipPlan(
  current: ReadonlyMap<string, Affiliation>,
  wanted: Iterable<string>,
  serverAdmins: ReadonlySet<string> = new Set(),
): MembershipPlan {
  const want = new Set(wanted);
  const held = (jid: string) => (serverAdmins.has(jid) ? 'owner' : (current.get(jid) ?? 'none'));
  const add = [...want].filter((jid) => held(jid) === 'none');
  const remove = [...current.keys()].filter((jid) => held(jid) === 'member' && !want.has(jid));
  return { add, remove };
}

/** Makes the room's members `wanted`, one muc#admin IQ per change (DESIGN.md trap). Prosody kicks a removed occupant of a members-only room. */
export async function syncMembers(
  muc: Muc,
  room: string,
  wanted: Iterable<string>,
  serverAdmins: ReadonlySet<string>,
): Promise<{ added: number; removed: number }> {
  const plan = membershipPlan(await muc.affiliations(room), wanted, serverAdmins);
  for (const jid of plan.remove) await muc.setAffiliation(room, jid, 'none');
  for (const jid of plan.add) await muc.setAffiliation(room, jid, 'member');
  return { added: plan.add.length, removed: plan.remove.length };
}
