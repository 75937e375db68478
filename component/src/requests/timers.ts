// The requests' persisted timers (scheduler/): expiry, escalation, and the
// daily purge of what is older than the retention setting. Each handler is
// idempotent (responses/close.ts): fired twice, it changes nothing the second time.
import type { Logger } from '../log.ts';
import { decideEscalation, decideExpiry } from '../responses/close.ts';
import { onDutyHolders } from '../roles/resolve.ts';
import { daily, DAY_MS } from '../scheduler/daily.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { Recipient, Store, StoredRequest } from '../store/types.ts';
import type { Notify } from './notify.ts';
import { TIMERS } from './send.ts';

const PURGE = 'requests-purge';

export interface TimerDeps {
  readonly store: Store;
  readonly scheduler: Scheduler;
  readonly notify: Notify;
  readonly opsHost: string;
  readonly auditDays: number;
  readonly log: Logger;
}

/** Whom an escalation asks: its people and the on-duty holders of its roles (a role nobody holds now adds nobody). */
async function escalationPeople(deps: TimerDeps, r: StoredRequest, at: string): Promise<Recipient[]> {
  const found = new Map<string, string>();
  for (const jid of r.escalation?.people ?? [])
    found.set(jid, (await deps.store.directory.get(jid))?.name || jid.split('@')[0]!);
  for (const role of r.escalation?.roles ?? [])
    for (const h of await onDutyHolders(deps.store, role, r.sender, `${role}@${deps.opsHost}`).catch(() => []))
      found.set(h.jid, h.name);
  return [...found].map(([jid, name]) => ({ jid, name, deliveredAt: at }));
}

export function registerTimers(deps: TimerDeps): { online(): Promise<void> } {
  const { store, scheduler, notify, log } = deps;
  scheduler.register(TIMERS.expire, async (payload) => {
    const { id } = payload as { id: string };
    const changed = await store.responses.change(id, (r) => decideExpiry(r, new Date().toISOString()));
    if (changed && changed.before.status !== changed.after.status) await notify.status(changed.after);
  });
  scheduler.register(TIMERS.escalate, async (payload) => {
    const { id } = payload as { id: string };
    const current = await store.responses.get(id);
    if (!current || current.status !== 'pending') return;
    const at = new Date().toISOString();
    const more = await escalationPeople(deps, current, at);
    const changed = await store.responses.change(id, (r) => decideEscalation(r, more, at));
    if (!changed || changed.before.status === changed.after.status) return;
    const known = new Set(changed.before.recipients.map((p) => p.jid));
    const added = changed.after.recipients.filter((p) => !known.has(p.jid));
    await notify.status(
      changed.after,
      added.map((p) => p.jid),
    );
    await notify.request(changed.after, added);
    log.info({ request: id, added: added.length }, 'request escalated');
  });
  return daily(scheduler, PURGE, async () => {
    const purged = await store.responses.purge(new Date(Date.now() - deps.auditDays * DAY_MS).toISOString());
    if (purged) log.info({ purged }, 'requests older than the retention purged');
  });
}
