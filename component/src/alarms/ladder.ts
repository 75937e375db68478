// The escalation ladder and the repeats, on persisted timers (scheduler/):
// they survive a restart, and one that fell due meanwhile fires at start.
// The scheduler is at-least-once, so each handler is idempotent: a step that
// is on the timeline already, an incident resolved or acknowledged, does
// nothing. Each step alerts the ladder's roles (on duty), people, or everyone
// on duty, who are not alerted yet; each repeat re-sends the 1:1 alarm to
// responders who have not answered, the same way (alert.ts).
import type { Incident, Recipient } from '../store/types.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import { missingLine } from '../responses/roles.ts';
import { postState } from './state.ts';
import { tellDispatchers } from './feed.ts';
import { everyoneOnDuty, resolveResponders } from './responders.ts';
import { addMembers } from './room.ts';
import { incidentTally, took } from './tally.ts';
import { alert } from './alert.ts';
import { rungMark } from './current.ts';
import type { TriggerDeps } from './trigger.ts';

export const ALARM_TIMERS = { escalate: 'alarm-escalate', repeat: 'alarm-repeat' } as const;
/** Repeats stop after this many (at the shortest interval, 10 s, that is 20 minutes): the ladder has reached everyone by then. */
const MAX_REPEATS = 120;

const stepKey = (i: Incident, step: number) => `${ALARM_TIMERS.escalate}:${i.id}:${step}`;
const repeatKey = (i: Incident, n: number) => `${ALARM_TIMERS.repeat}:${i.id}:${n}`;

export async function scheduleTimers(scheduler: Scheduler, i: Incident): Promise<void> {
  const start = Date.parse(i.created);
  for (const [step, s] of i.preset.ladder.entries())
    await scheduler.schedule({
      kind: ALARM_TIMERS.escalate,
      key: stepKey(i, step),
      at: start + s.afterS * 1000,
      payload: { id: i.id, step },
    });
  await scheduler.schedule({
    kind: ALARM_TIMERS.repeat,
    key: repeatKey(i, 1),
    at: start + i.preset.repeatS * 1000,
    payload: { id: i.id, n: 1 },
  });
}

/** The ladder's pending steps go (the rule is met, or the incident resolved); repeats see that for themselves. */
export async function cancelTimers(scheduler: Scheduler, i: Incident): Promise<void> {
  for (const step of i.preset.ladder.keys()) await scheduler.cancel(stepKey(i, step));
}

async function openUnmet(deps: TriggerDeps, id: string) {
  const i = await deps.store.incidents.get(id);
  if (!i || i.status !== 'open') return undefined;
  const t = await incidentTally(deps.store, i);
  return t.met ? undefined : { i, t };
}

async function escalate(deps: TriggerDeps, id: string, step: number): Promise<void> {
  const { store, config, muc } = deps;
  const found = await openUnmet(deps, id);
  const s = found?.i.preset.ladder[step];
  if (!found || !s) return;
  const { i, t } = found;
  const mark = `step ${step + 1}:`;
  if ((await store.incidents.events(id)).some((e) => e.event === 'escalated' && e.detail.startsWith(mark))) return;
  const already = [i.trigger, ...i.responders];
  const who = { roles: s.roles, people: s.people, rooms: [], onDutyOnly: true };
  const more = [
    ...new Set([
      ...(await resolveResponders(deps, who, already)),
      ...(s.everyoneOnDuty ? await everyoneOnDuty(deps, already) : []),
    ]),
  ];
  const now = new Date().toISOString();
  const names = await Promise.all(more.map(async (j) => (await store.directory.get(j))?.name || j.split('@')[0]!));
  await addMembers(muc, i.room, more, new Set(config.admins));
  if (i.request && more.length) {
    const recipients: Recipient[] = more.map((jid, k) => ({ jid, name: names[k]!, deliveredAt: now }));
    await store.responses.change(i.request, () => ({
      recipients,
      events: recipients.map((p) => ({ event: 'delivered' as const, who: p.jid, choice: '', at: now, resource: '' })),
    }));
  }
  const updated = (await store.incidents.update(id, { responders: [...i.responders, ...more] }))!;
  alert(deps, updated, more);
  const after = took(i.created, now);
  const reached = more.length ? `alerted ${names.join(', ')}` : 'nobody more to alert';
  await store.incidents.append(id, [
    { at: now, event: 'escalated', who: '', detail: `${mark} after ${after}, missing ${missingLine(t)}; ${reached}` },
    ...more.map((jid) => ({ at: now, event: 'alerted' as const, who: jid, detail: rungMark(step + 1) })),
  ]);
  void tellDispatchers(deps, id, 'escalated');
  await postState(
    deps,
    updated,
    `Escalation step ${step + 1} after ${after}: still missing ${missingLine(t)}. ${more.length ? `Now alerting ${names.join(', ')}.` : 'Nobody more to alert.'}`,
    t,
  );
}

async function repeat(deps: TriggerDeps, id: string, n: number): Promise<void> {
  const found = await openUnmet(deps, id);
  if (!found) return;
  const { i } = found;
  const answered = new Set(
    ((i.request && (await deps.store.responses.get(i.request))?.answers) || []).map((a) => a.by),
  );
  alert(
    deps,
    i,
    i.responders.filter((j) => !answered.has(j)),
    n,
  );
  if (n < MAX_REPEATS)
    await deps.scheduler.schedule({
      kind: ALARM_TIMERS.repeat,
      key: repeatKey(i, n + 1),
      at: Date.parse(i.created) + (n + 1) * i.preset.repeatS * 1000,
      payload: { id, n: n + 1 },
    });
}

export function registerLadder(deps: TriggerDeps): void {
  deps.scheduler.register(ALARM_TIMERS.escalate, (p) => {
    const { id, step } = p as { id: string; step: number };
    return escalate(deps, id, step);
  });
  deps.scheduler.register(ALARM_TIMERS.repeat, (p) => {
    const { id, n } = p as { id: string; n: number };
    return repeat(deps, id, n);
  });
}
