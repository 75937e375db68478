// The incident room, checked after the alarm went out. trigger.ts writes the
// room's join and owner form (a spare's rename alone: spare-rooms.ts) and,
// right behind them on the same XEP-0114
// stream, the invitation that carries the alarm, without waiting for
// Prosody's answers (issue #10, alarm-fanout: the wait was ~1-2 ms of the
// ~4 ms before anything reached a responder). That is safe because Prosody
// handles a component's stanzas one at a time, in the order they arrive:
// mod_component.lua's handlestanza passes each parsed stanza straight to
// core_process_stanza, with no queue or async step in between (Prosody
// 0.12.3), and MUC's handlers run to completion. So the room exists and is
// configured before the invitation reaches it, unless Prosody refused one of
// the two; then this makes the room again, as often as RETRIES:
// - the join refused: no room, so the invitations were refused too (nobody
//   has the alarm): the room is made again and the alarm sent again;
// - the form refused: the room exists but stays locked (XEP-0045 §10.1.2;
//   Prosody turns away every other join): the form is sent again. The
//   invitations went out; nobody gets the alarm twice.
// - the room not there (item-not-found): a spare that vanished (spare-rooms.ts)
//   is made again, and the alarm sent again, as for a lost join.
// If it still fails, nobody can respond: nobody has the alarm (the join
// refused), or those who have it cannot enter the locked room (the form
// refused). This rejects with which (RoomNotMade.alerted), and trigger.ts fails
// the incident, withdraws its acknowledgement request and tells the trigger so
// (unraised.ts).
import type { Logger } from '../log.ts';
import type { Incident } from '../store/types.ts';
import type { Muc } from '../xmpp/muc.ts';
import { alert, type AlertDeps } from './alert.ts';
import { openIncidentRoom, openingFields } from './room.ts';

export interface RoomReadyDeps extends AlertDeps {
  readonly log: Logger;
}

/** How often a refused room is made again, and the pause before each try (ms): Prosody busy or restarting. */
const RETRIES = [0, 250, 1000] as const;

export type Made = { ok: true; ms: number } | { ok: false; err: unknown };

/** openIncidentRoom's outcome as a value: nobody awaits it until the alarm is out (no unhandled rejection meanwhile). */
export const makeRoom = (...args: Parameters<typeof openIncidentRoom>): Promise<Made> =>
  openIncidentRoom(...args).then(
    (ms) => ({ ok: true, ms }),
    (err: unknown) => ({ ok: false, err }),
  );

/**
 * The owner form alone, for a room the component is in: a spare's rename as it is taken (spare-rooms.ts), or a
 * refused form sent again. The same form as openIncidentRoom's: the incident's name, open and temporary, presence
 * broadcast for big rooms.
 */
export function renameRoom(muc: Muc, room: string, name: string, responders: number): Promise<Made> {
  const t0 = performance.now();
  return muc.configure(room, name, openingFields(responders)).then(
    () => ({ ok: true, ms: performance.now() - t0 }),
    (err: unknown) => ({ ok: false, err }),
  );
}

export const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** The room could not be made; `alerted`: the alarm reached the responders all the same (the room made, but locked). */
export class RoomNotMade extends Error {
  readonly alerted: boolean;
  constructor(why: string, alerted: boolean) {
    super(`incident room not made after ${RETRIES.length + 1} tries: ${why}`);
    this.alerted = alerted;
  }
}

/** Waits for the room written before the alarm; makes it again if Prosody refused it. Resolves with roomMs. */
export async function roomReady(
  deps: RoomReadyDeps,
  i: Incident,
  people: readonly string[],
  made: Promise<Made>,
): Promise<number> {
  const { muc, log } = deps;
  let result = await made;
  // The first invitations reached the responders when the room was there to carry them (its form alone refused).
  const alerted = !result.ok && muc.isIn(i.room) && message(result.err) !== 'item-not-found';
  for (const pause of RETRIES) {
    if (result.ok) return result.ms;
    log.warn({ incident: i.id, err: message(result.err) }, 'alarm: incident room refused; making it again');
    await new Promise((r) => setTimeout(r, pause));
    // A room Prosody does not have (item-not-found, XEP-0045 §10.1.2 has no other answer for a room that is not
    // there): a spare gone without the component hearing of it (spare-rooms.ts). Made again like one refused.
    const joined = muc.isIn(i.room) && message(result.err) !== 'item-not-found';
    result = joined
      ? await renameRoom(muc, i.room, i.roomName, people.length)
      : await makeRoom(muc, i.room, i.roomName, people.length);
    // The first invitations went to a room that was not there.
    if (result.ok && !joined) alert(deps, i, people);
  }
  if (result.ok) return result.ms;
  log.error({ incident: i.id, err: message(result.err), alerted }, 'alarm: incident room not made');
  throw new RoomNotMade(message(result.err), alerted);
}
