// The scheduler's own rules on the reference store: it sleeps until the next
// due time, and a handler that fails is tried again.
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { memoryStore } from '../store/memory.ts';
import type { TimerStore } from '../store/types.ts';
import { Scheduler } from './scheduler.ts';

const log = createLogger('silent');
const running: Scheduler[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

function counted(timers: TimerStore): TimerStore & { claims: number } {
  const c = Object.assign(Object.create(timers) as TimerStore, { claims: 0 });
  c.claim = (...args) => (c.claims++, timers.claim(...args));
  return c;
}

describe('scheduler', () => {
  it('sleeps until the next due time instead of polling, and fires then', async () => {
    const timers = counted(memoryStore().timers);
    const fired: number[] = [];
    const s = new Scheduler(timers, log).register('t', async () => void fired.push(Date.now()));
    running.push(s);
    s.start();
    const due = Date.now() + 400;
    await s.schedule({ kind: 't', key: 'k', at: due });
    await expect.poll(() => fired.length, { timeout: 2000, interval: 20 }).toBe(1);
    expect(fired[0]).toBeGreaterThanOrEqual(due);
    expect(fired[0]! - due).toBeLessThan(200);
    // start, schedule, the wake at the due time (and its follow-up claim that finds nothing).
    expect(timers.claims).toBeLessThanOrEqual(5);
  });

  it('tries a failed handler again, and marks it fired once it succeeds', async () => {
    const store = memoryStore();
    const attempts: number[] = [];
    const s = new Scheduler(store.timers, log).register('t', async (_p, t) => {
      attempts.push(t.attempts);
      if (t.attempts === 1) throw new Error('database of the pager service is down');
    });
    running.push(s);
    s.start();
    await s.schedule({ kind: 't', key: 'k', at: Date.now() });
    await expect.poll(async () => (await store.timers.get('k'))?.firedAt, { timeout: 3000 }).toBeDefined();
    expect(attempts).toEqual([1, 2]);
  });

  it('refuses a kind with no handler, and a second handler for a kind', async () => {
    const s = new Scheduler(memoryStore().timers, log).register('t', async () => {});
    await expect(s.schedule({ kind: 'nope', key: 'k', at: 0 })).rejects.toThrow(/No handler for the timer kind "nope"/);
    expect(() => s.register('t', async () => {})).toThrow(/Two handlers for the timer kind "t"/);
  });
});
