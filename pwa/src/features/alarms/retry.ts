// Whether an alarm that did not go stays queued (queue.ts), and when it is
// tried again. Issue #10: a trigger is never lost. Offline, or the operations
// service away or too slow to answer (serviceAway: Prosody's
// remote-server-timeout, the component's `starting` while it is still
// starting, or no answer within the IQ timeout), nothing was refused: it stays
// under the "not sent yet" banner and goes again, safely, since its client-id
// finds the incident a lost answer may have raised. The component's `alarm-not-raised` (its incident room could not be made, so
// nobody was alerted, or those alerted cannot enter it) keeps it too: the component forgot that client-id, so
// the same trigger sent again raises it anew. So does its `internal` (type
// wait, "Try again": e.g. its database away for a moment), which said nothing
// about the alarm itself: dropping it would lose a trigger, and sending it
// again is safe by its client-id. Only a refusal by the component itself (not
// allowed, a bad form) takes it off.
import { errorKey, serviceAway } from '../forms/command.ts';

/** What the banner says while it waits: no stream, no answer from the service, or the server could not send it. */
export type WaitReason = 'offline' | 'away' | 'not-raised';

/** The component's keys that mean it could not send the alarm out, not that it refused it. */
const NOT_RAISED = ['alarm-not-raised', 'internal'];

/** `online`: the stream was up when it failed (a drop meanwhile counts as offline). */
export function afterFailure(err: unknown, online: boolean): WaitReason | 'refused' {
  if (!online) return 'offline';
  if (serviceAway(err)) return 'away';
  return NOT_RAISED.includes(errorKey(err)) ? 'not-raised' : 'refused';
}

/** Tries while the service is away: 2 s, 4 s, 8 s … then every 30 s; a reconnect tries at once anyway. */
export const retryInMs = (attempt: number): number => Math.min(30_000, 2_000 * 2 ** Math.max(0, attempt));
