// Spare incident rooms, made ahead of need (issue #10, alarm-fanout-50: the
// alarm must reach 50 responders in about the time one room message does;
// Prosody making the room before it could route the invitation was ~1 ms of
// the ~6 ms the alarm had over the room message). A spare is made and
// configured by the same code as an incident room made on the spot
// (room.ts openIncidentRoom), the component sitting in it; a trigger takes
// one, and renames it in the form written right before the invitations
// (room-ready.ts renameRoom). A new one is made after the alarm, off its path.
//
// One generic pool, not one spare per preset: nothing in a spare depends on
// the preset (its name and, for big rooms, presence broadcast come with the
// rename), so one ready room serves any alarm; a second alarm within the
// few milliseconds it takes to make the next spare makes its own room, as
// when there is none (trigger.ts).
//
// Security: a spare is what a new incident room is until settleIncidentRoom
// closes its door: open (not members-only), but hidden (not in the MUC
// host's disco#items: ROOM_CONFIG's publicroom 0, XEP-0045 §6.3) and at a
// random address (40 bits, newRequestId) that only the component knows until
// the invitations name it. Anyone who got in anyway is removed when the door
// closes (XEP-0045 §10.2, status 322: Prosody does it), before anything is
// posted in the room (room.ts). A spare waits longer than a room made on the
// spot, but its address is no easier to find.
//
// Spares are temporary rooms: Prosody removes them when the component's
// occupant goes, so when the component's stream drops (its restart or
// Prosody's), so no spare survives a restart and none is tracked across one:
// the pool is emptied and made again on every new link (relinked). One that
// vanished without the component hearing of it is caught by room-ready.ts:
// the rename is refused (item-not-found), so the room is made again and the
// alarm sent again.
import type { Logger } from '../log.ts';
import { newRequestId as newId } from '../requests/send.ts';
import type { Muc } from '../xmpp/muc.ts';
import { incidentRoom, openIncidentRoom } from './room.ts';

/** What a spare is called until an alarm renames it; seen by nobody but the component. */
export const SPARE_NAME = 'Incident room (spare)';

export interface SpareDeps {
  readonly muc: Muc;
  readonly mucHost: string;
  /** How many spares to keep ready (config limits.alarmSpareRooms; 0: none). */
  readonly size: number;
  readonly log: Logger;
}

export class SpareRooms {
  private readonly deps: SpareDeps;
  /** Incident ids whose room (incidentRoom) is made, configured and has the component in it. */
  private readonly ready: string[] = [];
  private making = 0;
  /** Counts links to Prosody: a spare made on an earlier one is gone with it. */
  private link = 0;

  constructor(deps: SpareDeps) {
    this.deps = deps;
  }

  /** The id of a ready spare, taken out of the pool; undefined when there is none (the caller makes its room). */
  take(): string | undefined {
    const { muc, mucHost } = this.deps;
    for (let id = this.ready.shift(); id; id = this.ready.shift()) if (muc.isIn(incidentRoom(id, mucHost))) return id;
    return undefined;
  }

  /** A new link to Prosody (the first too): the spares of the last one went with it; makes new ones. */
  relinked(): void {
    this.ready.length = 0;
    this.link++;
    this.refill();
  }

  /** Makes spares until the pool is full again; not awaited (a failure is logged, and the next refill tries again). */
  refill(): void {
    while (this.ready.length + this.making < this.deps.size) void this.make();
  }

  private async make(): Promise<void> {
    const { muc, mucHost, log } = this.deps;
    const link = this.link;
    const id = newId();
    this.making++;
    try {
      // roomMs: making and configuring an incident room alone (bench/alarm-fanout.ts reads it for alarm-room-create).
      const ms = await openIncidentRoom(muc, incidentRoom(id, mucHost), SPARE_NAME, 0);
      // Its join went again on a link that has since come (Muc.relinked), its form on the old one: not counted on.
      if (link !== this.link) return muc.leave(incidentRoom(id, mucHost));
      this.ready.push(id);
      log.info({ roomMs: Math.round(ms * 10) / 10 }, 'alarm: spare room made');
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'alarm: spare room not made; the next alarm makes its own');
    } finally {
      this.making--;
    }
  }
}
