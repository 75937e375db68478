// Persisted timers on a real database (SQLite in int, PostgreSQL in int-pg):
// a timer fires once across restarts, at its time, not when cancelled; on
// PostgreSQL, once with two processes on one database, and after an outage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../log.ts';
import { pgAdmin, testStorage } from '../store/test-databases.ts';
import { memoryLog } from '../test-support.ts';
import type { Store } from '../store/types.ts';
import { Scheduler } from './scheduler.ts';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
const postgres = process.env.BLEEP_TEST_STORAGE === 'postgres';
const silent = createLogger('silent');

let storage: Awaited<ReturnType<typeof testStorage>>;
const open: { store: Store; scheduler: Scheduler }[] = [];
beforeEach(async () => {
  storage = await testStorage();
});
afterEach(async () => {
  for (const p of open.splice(0)) await stopProcess(p);
  await storage.remove();
});

/** A component process's scheduler: its own connection to the store, a recorder for what fires. */
async function startProcess(log = silent) {
  const store = await storage.open();
  const fired: { key: string; at: number }[] = [];
  const scheduler = new Scheduler(store.timers, log).register('test', async (_payload, t) => {
    fired.push({ key: t.key, at: Date.now() });
  });
  scheduler.start();
  const p = { store, scheduler, fired };
  open.push(p);
  return p;
}
async function stopProcess(p: { store: Store; scheduler: Scheduler }) {
  const i = open.indexOf(p as never);
  if (i >= 0) open.splice(i, 1);
  await p.scheduler.stop();
  await p.store.close();
}

describe('persisted timers', () => {
  it('fires a timer that fell due while the component was stopped, once, at start', async () => {
    const first = await startProcess();
    await first.scheduler.schedule({ kind: 'test', key: 'escalate:1', at: Date.now() + 300 });
    await stopProcess(first);
    await pause(500);
    const second = await startProcess();
    await expect.poll(() => second.fired.length, { timeout: 5000 }).toBe(1);
    await pause(300);
    expect(first.fired).toEqual([]);
    expect(second.fired.map((f) => f.key)).toEqual(['escalate:1']);
  });

  it('fires at its time when the component restarted before it was due', async () => {
    const first = await startProcess();
    const due = Date.now() + 1500;
    await first.scheduler.schedule({ kind: 'test', key: 'repeat:1', at: due });
    await stopProcess(first);
    await pause(200);
    const second = await startProcess();
    await expect.poll(() => second.fired.length, { timeout: 5000 }).toBe(1);
    expect(second.fired[0]!.at).toBeGreaterThanOrEqual(due);
    expect(second.fired[0]!.at - due).toBeLessThan(500);
  });

  it('does not fire a cancelled timer, and says whether there was one to cancel', async () => {
    const p = await startProcess();
    await p.scheduler.schedule({ kind: 'test', key: 'expire:1', at: Date.now() + 300 });
    expect(await p.scheduler.cancel('expire:1')).toBe(true);
    expect(await p.scheduler.cancel('expire:1')).toBe(false);
    await pause(600);
    expect(p.fired).toEqual([]);
  });

  it('schedules a key once: a second schedule of the same key is ignored', async () => {
    const p = await startProcess();
    expect(await p.scheduler.schedule({ kind: 'test', key: 'once', at: Date.now() + 100 })).toBe(true);
    expect(await p.scheduler.schedule({ kind: 'test', key: 'once', at: Date.now() })).toBe(false);
    await expect.poll(() => p.fired.length).toBe(1);
    await pause(300);
    expect(p.fired).toHaveLength(1);
  });

  it.runIf(postgres)('fires each timer once with two component processes on one database', async () => {
    const [a, b] = [await startProcess(), await startProcess()];
    const now = Date.now();
    for (let i = 0; i < 60; i++)
      await (i % 2 ? a : b).scheduler.schedule({ kind: 'test', key: `t${i}`, at: now + (i % 6) * 100 });
    await expect.poll(() => a.fired.length + b.fired.length, { timeout: 10_000 }).toBe(60);
    await pause(500);
    const keys = [...a.fired, ...b.fired].map((f) => f.key).sort();
    expect(keys).toEqual([...new Set(keys)]);
    expect(keys).toHaveLength(60);
  });

  it.runIf(postgres)('keeps its timers through a database outage, logs it, and fires once it is back', async () => {
    const log = memoryLog('info');
    const p = await startProcess(log.logger);
    await p.scheduler.schedule({ kind: 'test', key: 'during-outage', at: Date.now() + 300 });
    await pgAdmin(`ALTER DATABASE ${storage.name} ALLOW_CONNECTIONS false`);
    await pgAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${storage.name}'`);
    await pause(1500);
    expect(p.fired).toEqual([]);
    await pgAdmin(`ALTER DATABASE ${storage.name} ALLOW_CONNECTIONS true`);
    await expect.poll(() => p.fired.length, { timeout: 10_000 }).toBe(1);
    expect(log.lines().join('')).toMatch(/timers unreachable; retrying/);
  });
});
