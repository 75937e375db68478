// An alarm that did not go out must not look raised (issue #10, safety). An
// incident is stored before its alarm goes out, marked `raising` until its
// room is confirmed (trigger.ts, room-ready.ts). When the room cannot be made
// at all, nobody was alerted (the invitations carrying the alarm went to a
// room that was not there; or, when only the room's form was refused, those
// alerted cannot enter the locked room nor acknowledge), so the incident is failed: kept with its
// timeline for the audit, no longer open (no timers, off the dispatchers'
// map, never merged into), its acknowledgement request withdrawn (whoever
// has the alarm after all, the room locked by a refused form, cannot answer
// it), and the client ids that reached it forgotten, so
// the trigger sent again (the PWA's queue keeps it and resends it) raises a
// new incident instead of answering "already raised". One still `raising`
// that no trigger of this process is working on was cut off by a stop
// between the store and the room: failed the same way when the component
// starts, or when a retry or a merge reaches it first.
import type { Logger } from '../log.ts';
import type { Incident, Store } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import { closeAckRequest } from './ack-request.ts';
import { tellDispatchers, type FeedDeps } from './feed.ts';

export interface UnraisedDeps extends FeedDeps {
  readonly store: FeedDeps['store'] & Pick<Store, 'responses'>;
  readonly log: Logger;
  /** The incidents this process is raising now, each with whether its alarm went out. */
  readonly raising: Map<string, Promise<boolean>>;
}

/** Who has the alarm of an incident that was not raised: nobody, its responders (its room locked), or not known here. */
export type Reached = 'nobody' | 'responders' | 'unknown';

const SEND_AGAIN = 'if someone is in danger, call the switchboard now.';
const NOT_RAISED: Record<Reached, string> = {
  nobody: `The alarm did NOT go out: its incident room could not be made, so nobody was alerted. Send it again; ${SEND_AGAIN}`,
  responders:
    'The alarm was NOT raised: its responders were alerted, but its incident room could not be opened, so nobody ' +
    `can acknowledge it or come in. Send it again (they are alerted again); ${SEND_AGAIN}`,
  unknown: `The alarm did NOT go out: its incident room could not be made. Send it again; ${SEND_AGAIN}`,
};

/** What the trigger is told; the command's error (type wait: the PWA keeps the alarm queued and sends it again). */
export const notRaised = (reached: Reached) => new BleepError('alarm-not-raised', NOT_RAISED[reached]);

/** The failed event's detail when the room could not be made (`why`: Prosody's last refusal). */
export const roomNotMade = (why: string, reached: Exclude<Reached, 'unknown'>): string =>
  reached === 'responders'
    ? `the incident room stayed locked (${why}); the responders were alerted but could not enter it or acknowledge`
    : `the incident room could not be made (${why}); nobody was alerted`;

/**
 * Records `i` as failed (store.incidents.fail), withdraws the acknowledgement request posted in its room (a responder
 * who has the alarm and taps its button is refused with the reason, and no tally is left open) and takes it off the
 * dispatchers' map.
 */
export async function failIncident(deps: UnraisedDeps, i: Incident, why: string): Promise<void> {
  const at = new Date().toISOString();
  await deps.store.incidents.fail(i.id, { at, event: 'failed', who: '', detail: why });
  await closeAckRequest(deps.store, i, 'withdrawn', at);
  deps.log.error({ incident: i.id, preset: i.preset.id }, 'alarm: not raised; incident failed');
  void tellDispatchers(deps, i.id, 'failed');
}

// Since the alarm goes out before the incident's commit (trigger.ts), an incident stored as `raising` may have
// reached its responders before the stop: say "may", never "nobody was alerted".
export const CUT_OFF =
  'the component stopped while raising it; its responders may have had the alarm but could not acknowledge it';

/**
 * A retry or merge reached an incident still `raising`: waits for the trigger raising it, or fails it if none is
 * (a stop cut it off). Resolves with whether its alarm went out.
 */
export async function raisedInTheEnd(deps: UnraisedDeps, i: Incident): Promise<boolean> {
  const pending = deps.raising.get(i.id);
  if (pending) return pending;
  await failIncident(deps, i, CUT_OFF);
  return false;
}

/** At start: every incident left `raising` by the previous run is failed. Returns how many. */
export async function failCutOff(deps: UnraisedDeps): Promise<number> {
  const left = (await deps.store.incidents.open()).filter((i) => i.raising && !deps.raising.has(i.id));
  for (const i of left) await failIncident(deps, i, CUT_OFF);
  return left.length;
}
