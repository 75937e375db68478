// The incident's acknowledgement request closes with the incident: withdrawn
// when it failed (unraised.ts), resolved when it was resolved (close.ts). An
// answer after that is refused with the reason (responses/answer.ts) and
// counts nowhere, in the tally as on the timeline.
import { decideClosing, type ClosedBy } from '../responses/close.ts';
import type { Incident, Store } from '../store/types.ts';

/** Closes, each under its lock, the open requests posted in `i`'s room. */
export async function closeAckRequest(
  store: Pick<Store, 'responses'>,
  i: Incident,
  by: ClosedBy,
  at: string,
): Promise<void> {
  // By its room, not i.request: a stop between storing the request and noting it on the incident leaves it unnamed.
  for (const r of await store.responses.list({ room: i.room, limit: 10 }))
    await store.responses.change(r.id, (now) => decideClosing(now, at, by));
}
