// The incident room on conference.<domain>: made by the component, which
// stays in it to post; configured like every Bleep room (members-only,
// non-anonymous, persistent, archived: ROOM_CONFIG) with a readable name;
// the trigger as admin, the responders as members, one muc#admin item per IQ
// (DESIGN.md trap), ten in flight at a time.
import type { Muc, RoomFields } from '../xmpp/muc.ts';

/** DESIGN.md: joining costs O(N²) presence; past this many responders only moderators see presence. */
const BIG_ROOM = 50;

export async function createIncidentRoom(
  muc: Muc,
  room: string,
  name: string,
  trigger: string,
  responders: readonly string[],
  serverAdmins: ReadonlySet<string>,
): Promise<number> {
  const t0 = performance.now();
  const extra: RoomFields = responders.length > BIG_ROOM ? { 'muc#roomconfig_presencebroadcast': ['moderator'] } : {};
  if (await muc.join(room)) await muc.configure(room, name, extra);
  const createMs = performance.now() - t0;
  // Prosody 0.12 takes ~40 ms per affiliation change here, one at a time, whether the room is persistent yet
  // or not (tried): most of alarm-fanout (bench/README.md).
  await addMembers(muc, room, responders, serverAdmins, trigger);
  return createMs;
}

/** Affiliation IQs in flight at once: Prosody answers them one at a time, and 200 sent together outran the IQ timeout (10 s). */
const IN_FLIGHT = 10;

/** Members (and the trigger as admin); Prosody refuses to change a server admin's affiliation, and they own every room anyway. */
export async function addMembers(
  muc: Muc,
  room: string,
  people: readonly string[],
  serverAdmins: ReadonlySet<string>,
  admin?: string,
): Promise<void> {
  const changes: [string, 'member' | 'admin'][] = people.filter((j) => !serverAdmins.has(j)).map((j) => [j, 'member']);
  if (admin && !serverAdmins.has(admin)) changes.push([admin, 'admin']);
  for (let i = 0; i < changes.length; i += IN_FLIGHT)
    await Promise.all(changes.slice(i, i + IN_FLIGHT).map(([j, a]) => muc.setAffiliation(room, j, a)));
}
