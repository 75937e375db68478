// The daily sweep on the real component and its store (SQLite here, PostgreSQL under int-pg): timers that fired
// longer ago than BLEEP_TIMER_RETENTION_DAYS go when the component comes online; pending ones and ones that fired
// recently stay.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { componentConfig } from '../config.ts';
import { startComponent, type RunningComponent } from '../index.ts';
import { createLogger } from '../log.ts';
import { DAY_MS } from '../scheduler/daily.ts';
import type { Service } from '../service.ts';
import { openStore } from '../store/open.ts';

let prosody: RunningProsody;
let component: RunningComponent | undefined;
beforeAll(async () => {
  prosody = await startTestProsody({ overrides: { BLEEP_TIMER_RETENTION_DAYS: '30' } });
});
afterAll(async () => {
  await component?.stop();
  await prosody?.stop();
});

// The kind of the timers below, so that the pending one has its owner (it is not due during the test).
const reminders: Service = {
  name: 'test-reminders',
  register: ({ scheduler }) => void scheduler.register('reminder', async () => {}),
};

it('deletes timers that fired more than the retention ago; pending and recently fired ones stay', async () => {
  const checked = componentConfig(prosody.settings);
  if (!checked.ok) throw new Error(checked.problems.join('\n'));
  // Written before the component starts, as a long-running server's database would hold them.
  const store = await openStore(checked.config);
  const now = Date.now();
  const timer = (key: string, dueAt: number) => ({ id: `id-${key}`, kind: 'reminder', key, dueAt, payload: null });
  await store.timers.schedule(timer('fired-40-days-ago', now - 41 * DAY_MS));
  await store.timers.schedule(timer('fired-29-days-ago', now - 30 * DAY_MS));
  await store.timers.schedule(timer('pending', now + DAY_MS));
  await store.timers.claim(now, 'earlier-process', now + 60_000, 10);
  await store.timers.fired('id-fired-40-days-ago', 'earlier-process', now - 40 * DAY_MS);
  await store.timers.fired('id-fired-29-days-ago', 'earlier-process', now - 29 * DAY_MS);
  await store.close();

  component = await startComponent({
    settings: prosody.settings,
    logger: createLogger('silent'),
    services: [reminders],
  });
  const timers = component.store.timers;
  await expect.poll(() => timers.get('fired-40-days-ago'), { timeout: 10_000 }).toBeUndefined();
  expect(await timers.get('fired-29-days-ago')).toMatchObject({ firedAt: now - 29 * DAY_MS });
  expect(await timers.get('pending')).toMatchObject({ dueAt: now + DAY_MS });
  expect((await timers.get('pending'))?.firedAt).toBeUndefined();
});
