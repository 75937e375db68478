// The incident room on conference.<domain>: made by the component, which
// stays in it to post; configured like every Bleep room (members-only,
// non-anonymous, persistent, archived: ROOM_CONFIG) with a readable name.
//
// Fast path (issue #10, alarm-fanout): Prosody 0.12 saves the room after every
// affiliation change (muc.lib.lua set_affiliation: save(true), three storage
// writes even for a temporary room), takes only the first item of a muc#admin
// IQ, and makes every invitee of a members-only room a member, with that same
// save, before it passes the invitation on (muc/members_only.lib.lua
// muc-invite). Setting N members therefore costs N storage writes: ~40 ms
// each on this machine, seconds for a Code Blue, and the responders must not
// wait for them. So the room opens hidden, temporary and not yet members-only
// (openIncidentRoom), the invitations and alarms go out at once, and only then
// does settleIncidentRoom make the responders members and close the door:
// members-only and persistent in one form. Until then only someone who knows
// the room's random address (the invitees) could enter, and closing the door
// removes anyone who is not a member (XEP-0045 §10.2, status 322: Prosody does
// it). Nothing is posted in the room before the door is closed.
import type { Muc, RoomFields } from '../xmpp/muc.ts';

/** DESIGN.md: joining costs O(N²) presence; past this many responders only moderators see presence. */
const BIG_ROOM = 50;

/** An incident's room: its id (8 × base32, newRequestId) is a valid local part. */
export const incidentRoom = (id: string, mucHost: string) => `alarm-${id}@${mucHost}`;

/** The owner form of a new incident room: open and temporary until settleIncidentRoom. */
export const openingFields = (responders: number): RoomFields => ({
  'muc#roomconfig_membersonly': '0',
  'muc#roomconfig_persistentroom': '0',
  ...(responders > BIG_ROOM ? { 'muc#roomconfig_presencebroadcast': ['moderator'] } : {}),
});

/** Creates and configures the room, open and temporary until settleIncidentRoom; resolves with the time it took (ms). */
export async function openIncidentRoom(muc: Muc, room: string, name: string, responders: number): Promise<number> {
  const t0 = performance.now();
  // One step: the form goes right behind the join on the same stream, and Prosody handles them in order
  // (the join creates the room locked, with the component as owner; the form unlocks it, XEP-0045 §10.1.3).
  // Both answers are awaited, so that a refused join is over before anyone joins the room again (room-ready.ts).
  const [joined, configured] = await Promise.allSettled([
    muc.join(room),
    muc.configure(room, name, openingFields(responders)),
  ]);
  if (joined.status === 'rejected') throw joined.reason;
  if (configured.status === 'rejected') throw configured.reason;
  return performance.now() - t0;
}

/**
 * How long each of the settling IQs may wait for Prosody. They queue behind what the alarm itself set off there:
 * for offline responders, every invitation and 1:1 alarm is one offline-storage commit (mod_offline) and one push
 * (mod_cloud_notify); with 200 offline responders on the loaded bench machine Prosody answered the first
 * affiliation IQs after more than the usual 10 s, and the whole alarm command failed although every alarm had
 * gone out (issue #12, alarm-push-200). Prosody is slow then, not gone.
 */
const SETTLE_TIMEOUT_MS = 60_000;

/** After the invitations went out: the responders as members, the trigger as admin, then the door closed. */
export async function settleIncidentRoom(
  muc: Muc,
  room: string,
  responders: readonly string[],
  trigger: string,
  serverAdmins: ReadonlySet<string>,
): Promise<void> {
  await addMembers(muc, room, responders, serverAdmins, SETTLE_TIMEOUT_MS);
  if (!serverAdmins.has(trigger)) await muc.setAffiliation(room, trigger, 'admin', SETTLE_TIMEOUT_MS);
  await muc.reconfigure(
    room,
    {
      'muc#roomconfig_membersonly': '1',
      'muc#roomconfig_persistentroom': '1',
    },
    SETTLE_TIMEOUT_MS,
  );
}

/** Affiliation IQs in flight at once: Prosody answers them one at a time, and 200 sent together outran the IQ timeout (10 s). */
const IN_FLIGHT = 10;

/**
 * Members, one muc#admin item per IQ (DESIGN.md trap): the responders of a new incident, and later a
 * merge's trigger, break-glass, an escalation step. Prosody refuses to change a server admin's affiliation, and they own every room anyway.
 */
export async function addMembers(
  muc: Muc,
  room: string,
  people: readonly string[],
  serverAdmins: ReadonlySet<string>,
  timeoutMs?: number,
): Promise<void> {
  const changes = people.filter((j) => !serverAdmins.has(j));
  for (let i = 0; i < changes.length; i += IN_FLIGHT)
    await Promise.all(changes.slice(i, i + IN_FLIGHT).map((j) => muc.setAffiliation(room, j, 'member', timeoutMs)));
}
