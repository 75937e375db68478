// Keeps a department room's member list equal to its staff in the directory.
// The component grants and takes only 'member': owners and admins were made
// by people and keep their place, and an outcast (banned) stays out.
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { AFFILIATIONS, affiliationIq, affiliationList, affiliationListIq, type Affiliation } from './codec.ts';

export interface MembershipPlan {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

/** What to change so that exactly `wanted` (bare JIDs) hold 'member' or more. */
export function membershipPlan(current: ReadonlyMap<string, Affiliation>, wanted: Iterable<string>): MembershipPlan {
  const want = new Set(wanted);
  const add = [...want].filter((jid) => (current.get(jid) ?? 'none') === 'none');
  const remove = [...current].filter(([jid, a]) => a === 'member' && !want.has(jid)).map(([jid]) => jid);
  return { add, remove };
}

/** Every JID with an affiliation in the room: one list IQ per affiliation, as Prosody reads one item per IQ. */
export async function roomAffiliations(
  caller: IqCaller,
  from: string,
  room: string,
): Promise<Map<string, Affiliation>> {
  const lists = await Promise.all(AFFILIATIONS.map((a) => caller.request(affiliationListIq(from, room, a))));
  const current = new Map<string, Affiliation>();
  lists.forEach((list, i) => affiliationList(list).forEach((jid) => current.set(jid, AFFILIATIONS[i]!)));
  return current;
}

/** Makes the room's members `wanted`, one muc#admin IQ per change (DESIGN.md trap). Prosody kicks a removed occupant of a members-only room. */
export async function syncMembers(
  caller: IqCaller,
  from: string,
  room: string,
  wanted: Iterable<string>,
): Promise<{ added: number; removed: number }> {
  const plan = membershipPlan(await roomAffiliations(caller, from, room), wanted);
  for (const jid of plan.remove) await caller.request(affiliationIq(from, room, jid, 'none'));
  for (const jid of plan.add) await caller.request(affiliationIq(from, room, jid, 'member'));
  return { added: plan.add.length, removed: plan.remove.length };
}
