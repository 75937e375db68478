// Persisted timers: request expiry and escalation, alarm acknowledgement and
// repeat. A timer is a row in the store (TimerStore), so it survives a
// restart: one that fell due while the component was down fires at start.
// Handlers register by kind; a caller schedules by a unique key (scheduling
// the same key again does nothing) and can cancel by that key. A fired
// timer's row, and so its key, is kept for BLEEP_TIMER_RETENTION_DAYS, then
// swept (housekeeping/): never schedule a key again after that long.
//
// At least once, with a lease, on purpose. A process claims a due timer for
// LEASE_MS, runs its handler, then marks it fired. If the process dies (or
// loses the database) between the claim and the mark, the lease runs out and
// the timer is claimed again, by this process after a restart or by another
// one on the same database. So a handler can run twice, but a timer is never
// lost: for alarms, an escalation missed is worse than one repeated. Handlers
// make the repeat harmless by being idempotent on their key (e.g. "escalate
// request 42 to level 2" checks the request is still unanswered and at
// level 1). While a lease runs no other process claims the timer (store:
// FOR UPDATE SKIP LOCKED on PostgreSQL, BEGIN IMMEDIATE on SQLite), so two
// processes never fire it together. A handler must finish within the lease.
//
// Cancelling removes a timer that has not fired; it cannot undo a handler
// that is already running, so a handler re-checks its own state.
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Timer, TimerStore } from '../store/types.ts';

export type TimerHandler = (payload: unknown, timer: Timer) => Promise<void>;

export interface SchedulerOptions {
  readonly leaseMs?: number;
  /** Longest sleep: how soon a timer another process scheduled, or a lease that ran out, is noticed. */
  readonly maxSleepMs?: number;
  readonly now?: () => number;
}

const BATCH = 50;
const LEASE_MS = 60_000;
const MAX_SLEEP_MS = 30_000;
const MAX_RETRY_MS = 10 * 60_000;
const MAX_OUTAGE_DELAY_MS = 30_000;

export class Scheduler {
  /** This process's claims; a new one per start, so a restart waits out the leases of the last. */
  readonly owner = randomUUID();
  private readonly handlers = new Map<string, TimerHandler>();
  private readonly timers: TimerStore;
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly leaseMs: number;
  private readonly maxSleepMs: number;
  private sleeping: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private again = false;
  private started = false;
  private failures = 0;

  constructor(timers: TimerStore, log: Logger, opts: SchedulerOptions = {}) {
    this.timers = timers;
    this.log = log;
    this.now = opts.now ?? Date.now;
    this.leaseMs = opts.leaseMs ?? LEASE_MS;
    this.maxSleepMs = opts.maxSleepMs ?? MAX_SLEEP_MS;
  }

  /** One handler per kind, registered before start. */
  register(kind: string, handler: TimerHandler): this {
    if (this.handlers.has(kind)) throw new Error(`Two handlers for the timer kind "${kind}": each kind has one owner.`);
    this.handlers.set(kind, handler);
    return this;
  }

  /** Schedules a timer; false when one with this key exists already (pending, or fired within the retention). */
  async schedule(t: { kind: string; key: string; at: Date | number; payload?: unknown }): Promise<boolean> {
    if (!this.handlers.has(t.kind)) throw new Error(`No handler for the timer kind "${t.kind}".`);
    const dueAt = typeof t.at === 'number' ? t.at : t.at.getTime();
    const added = await this.timers.schedule({ id: randomUUID(), kind: t.kind, key: t.key, dueAt, payload: t.payload });
    if (added) this.wake();
    return added;
  }

  /** Cancels a timer that has not fired; false when there was none. */
  cancel(key: string): Promise<boolean> {
    return this.timers.cancel(key);
  }

  /** Fires what is due now (timers that fell due while stopped included), then sleeps until the next. */
  start(): void {
    this.started = true;
    this.wake();
  }

  /** Stops waking and waits for handlers that are running. */
  async stop(): Promise<void> {
    this.started = false;
    clearTimeout(this.sleeping);
    await this.ticking;
  }

  private wake(): void {
    if (!this.started) return;
    if (this.ticking) return void (this.again = true);
    clearTimeout(this.sleeping);
    this.ticking = this.tick().finally(() => {
      this.ticking = undefined;
      if (this.again) {
        this.again = false;
        this.wake();
      }
    });
  }

  private sleep(ms: number): void {
    clearTimeout(this.sleeping);
    if (this.started) this.sleeping = setTimeout(() => this.wake(), Math.max(0, Math.min(ms, this.maxSleepMs)));
  }

  private async tick(): Promise<void> {
    try {
      for (;;) {
        const now = this.now();
        const due = this.started ? await this.timers.claim(now, this.owner, now + this.leaseMs, BATCH) : [];
        if (due.length === 0) break;
        await Promise.all(due.map((t) => this.fire(t)));
      }
      const next = await this.timers.nextWake();
      if (this.failures) this.log.info('timers reachable again');
      this.failures = 0;
      this.sleep(next === undefined ? this.maxSleepMs : next - this.now());
    } catch (err) {
      // The database is away (restart, network): keep the timers, try again with backoff.
      const retryInMs = Math.min(1000 * 2 ** this.failures++, MAX_OUTAGE_DELAY_MS);
      this.log.warn({ err: (err as Error).message, retryInMs }, 'timers unreachable; retrying');
      this.sleep(retryInMs);
    }
  }

  private async fire(t: Timer): Promise<void> {
    const handler = this.handlers.get(t.kind);
    try {
      if (!handler) throw new Error(`no handler for the timer kind "${t.kind}"`);
      await handler(t.payload, t);
    } catch (err) {
      const retryInMs = Math.min(1000 * 2 ** (t.attempts - 1), MAX_RETRY_MS);
      this.log.error(
        { kind: t.kind, key: t.key, attempts: t.attempts, err: (err as Error).message, retryInMs },
        'timer failed',
      );
      // If this fails too, the lease runs out and the timer is claimed again.
      await this.timers.retry(t.id, this.owner, this.now() + retryInMs).catch(() => {});
      return;
    }
    await this.timers.fired(t.id, this.owner, this.now());
  }
}
