// Keeps a department room's member list equal to its staff in the directory.
// The component grants and takes only 'member', and takes it only from people
// it placed there itself (remembered in the store, issue #13 part 2): a member
// an owner or admin added by hand keeps their place, owners and admins were
// made by people and keep theirs, and an outcast (banned) stays out. Server
// admins count as owners: Prosody refuses to change their affiliation
// (not-acceptable), and they are owners of every room anyway (DESIGN.md trap).
import type { RoomMemberStore } from '../store/types.ts';
import type { Affiliation, Muc } from '../xmpp/muc.ts';

export interface MembershipPlan {
  readonly add: readonly string[];
  readonly remove: readonly string[];
  /** Whom the directory holds in the room as members after the changes: what the store remembers. */
  readonly placed: readonly string[];
}

/** What to change so that `wanted` (bare JIDs) hold 'member' or more and those the directory `placed` earlier who left it do not. */
export function membershipPlan(
  current: ReadonlyMap<string, Affiliation>,
  wanted: Iterable<string>,
  placed: Iterable<string>,
  serverAdmins: ReadonlySet<string> = new Set(),
): MembershipPlan {
  const want = new Set(wanted);
  const ours = new Set(placed);
  const held = (jid: string) => (serverAdmins.has(jid) ? 'owner' : (current.get(jid) ?? 'none'));
  const add = [...want].filter((jid) => held(jid) === 'none');
  const remove = [...current.keys()].filter((jid) => held(jid) === 'member' && !want.has(jid) && ours.has(jid));
  const kept = [...want].filter((jid) => held(jid) === 'member' || held(jid) === 'none');
  return { add, remove, placed: kept };
}

/**
 * The check before a department room with no staff is retired (retire.ts): nobody but the component itself, server
 * admins and the members the directory `placed` holds a place in it. A member, admin or owner added by hand still
 * uses it: it stays as it is.
 */
export function nobodyElse(
  current: ReadonlyMap<string, Affiliation>,
  self: string,
  serverAdmins: ReadonlySet<string>,
  placed: Iterable<string> = [],
): boolean {
  const ours = new Set(placed);
  return [...current].every(
    ([jid, a]) => a === 'outcast' || jid === self || serverAdmins.has(jid) || (a === 'member' && ours.has(jid)),
  );
}

/** Makes the room's members follow `wanted`, one muc#admin IQ per change (DESIGN.md trap). Prosody kicks a removed occupant of a members-only room. */
export async function syncMembers(
  muc: Muc,
  members: RoomMemberStore,
  room: string,
  wanted: Iterable<string>,
  serverAdmins: ReadonlySet<string>,
): Promise<{ added: number; removed: number }> {
  const plan = membershipPlan(await muc.affiliations(room), wanted, await members.placed(room), serverAdmins);
  for (const jid of plan.remove) await muc.setAffiliation(room, jid, 'none');
  for (const jid of plan.add) await muc.setAffiliation(room, jid, 'member');
  await members.setPlaced(room, plan.placed);
  return { added: plan.add.length, removed: plan.remove.length };
}
