// An incident's live state (protocol IncidentState) as it goes with each of
// the component's posts in its room: the per-role tally (tally.ts, the same
// rule quick responses use), who declined, when it was triggered (clients
// count the elapsed time from it), and whether it was resolved, with what.
import type { IncidentState } from '@bleep/protocol';
import type { Store } from '../store/types.ts';
import type { Incident } from '../store/types.ts';
import type { RoleTally } from '../responses/roles.ts';
import { post, type PostDeps } from './post.ts';
import { incidentTally } from './tally.ts';

export const incidentState = (i: Incident, t: RoleTally, outcome = ''): IncidentState => ({
  incident: i.id,
  // A failed incident has no room to post in.
  status: i.status === 'resolved' ? 'resolved' : 'open',
  at: i.created,
  outcome,
  roles: t.per,
  declined: t.declined,
});

/** Posts `text` in the incident's room with its state now (`t` when the caller has the tally already). */
export async function postState(
  deps: PostDeps & { readonly store: Store },
  i: Incident,
  text: string,
  t?: RoleTally,
  outcome = '',
): Promise<void> {
  await post(deps, i.room, text, incidentState(i, t ?? (await incidentTally(deps.store, i)), outcome));
}
