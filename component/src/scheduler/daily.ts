// A job the component runs once a day on the persisted scheduler: first when it comes online, then every 24 h.
// Each run is a timer keyed by its date, so a restart the same day schedules nothing new, and one of several
// component processes on the same database runs it (scheduler.ts).
import type { Scheduler } from './scheduler.ts';

export const DAY_MS = 24 * 60 * 60_000;

/** Registers `kind`; call the returned `online` once connected (Running.online). */
export function daily(scheduler: Scheduler, kind: string, job: () => Promise<void>): { online(): Promise<void> } {
  const at = (t: number) =>
    scheduler.schedule({ kind, key: `${kind}:${new Date(t).toISOString().slice(0, 10)}`, at: t });
  scheduler.register(kind, async () => {
    await job();
    await at(Date.now() + DAY_MS);
  });
  return { online: async () => void (await at(Date.now())) };
}
