// Housekeeping: what the component deletes by itself once it is no longer needed. Once a day, timers that fired
// more than BLEEP_TIMER_RETENTION_DAYS ago: a row per request expiry, escalation step, alarm repeat, shift end and
// push retry would otherwise stay forever. Pending timers are never touched. The audit log is append-only and is
// not swept (requests keep their own retention: requests/timers.ts).
// Expired invites live in Prosody; the invites service sweeps them the same way (invites/index.ts).
import { daily, DAY_MS } from '../scheduler/daily.ts';
import type { Service } from '../service.ts';

export const TIMERS_SWEEP = 'timers-sweep';

export const housekeeping: Service = {
  name: 'housekeeping',
  register({ config, store, scheduler, log }) {
    return daily(scheduler, TIMERS_SWEEP, async () => {
      const swept = await store.timers.sweep(Date.now() - config.timerRetentionDays * DAY_MS);
      if (swept) log.info({ swept, days: config.timerRetentionDays }, 'fired timers past the retention deleted');
    });
  },
};
