// Following an incident's acknowledgements: every answer to its request goes
// on the timeline with its delay, and the room sees who answered, the tally
// against the per-role rule and who is still missing. When the rule is first
// met the room is told, and the ladder and repeats stop (their handlers
// re-check too: a timer already running cannot be cancelled).
import type { Answered } from '../responses/events.ts';
import { missingLine, tallyLine } from '../responses/roles.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Store } from '../store/types.ts';
import { tellDispatchers, type FeedDeps } from './feed.ts';
import { cancelTimers } from './ladder.ts';
import type { PostDeps } from './post.ts';
import { postState } from './state.ts';
import { incidentTally, took } from './tally.ts';

export interface AckDeps extends PostDeps, FeedDeps {
  readonly store: Store;
  readonly scheduler: Scheduler;
}

export async function onAnswered(deps: AckDeps, { after, answer }: Answered): Promise<void> {
  if (after.audience.kind !== 'room') return;
  const incident = await deps.store.incidents.byRoom(after.audience.room);
  if (!incident || incident.request !== after.id || incident.status !== 'open') return;
  const label = after.choices.find((c) => c.value === answer.choice)?.label ?? answer.choice;
  const accepts = after.choices.find((c) => c.value === answer.choice)?.accepts ?? false;
  const delay = took(incident.created, answer.at);
  await deps.store.incidents.append(incident.id, [
    { at: answer.at, event: accepts ? 'acknowledged' : 'declined', who: answer.by, detail: `${label} after ${delay}` },
  ]);
  void tellDispatchers(deps, incident.id, accepts ? 'acknowledged' : 'declined');
  const t = await incidentTally(deps.store, incident);
  const missing = missingLine(t);
  await postState(
    deps,
    incident,
    `${answer.name}: ${label} (${delay}). Acknowledged: ${tallyLine(t)}.` + (missing ? ` Missing: ${missing}.` : ''),
    t,
  );
  const events = await deps.store.incidents.events(incident.id);
  if (t.met && !events.some((e) => e.event === 'acknowledged' && e.detail === 'rule met')) {
    await deps.store.incidents.append(incident.id, [
      { at: answer.at, event: 'acknowledged', who: '', detail: 'rule met' },
    ]);
    await postState(deps, incident, `${incident.preset.name}: acknowledgement rule met after ${delay}.`, t);
    await cancelTimers(deps.scheduler, incident);
  }
}
