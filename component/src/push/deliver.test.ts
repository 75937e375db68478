// Delivering a push (issue #12) to the local HTTPS push endpoint (test-push-endpoint.ts) through the real
// sender and scheduler: a subscription the push service calls gone with 404 is removed, as with 410; a
// failed push is tried again and logged by node and status, never with its payload nor its answer token.
import type { PushPayload } from '@bleep/protocol';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { Scheduler } from '../scheduler/scheduler.ts';
import { memoryStore } from '../store/memory.ts';
import { memoryLog } from '../test-support.ts';
import { Deliver } from './deliver.ts';
import { newVapidKeys, WebPushSender } from './sender.ts';
import { startPushEndpoint, type PushEndpoint } from './test-push-endpoint.ts';

let endpoint: PushEndpoint;
const stops: (() => unknown)[] = [];
beforeAll(async () => {
  endpoint = await startPushEndpoint();
});
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});
afterAll(() => endpoint?.stop());

const ANSWER_TOKEN = 'answer-token-7f3a9c1e5b';
const PAYLOAD: PushPayload = {
  kind: 'request',
  request: 'req-1@ops.h.example',
  title: 'Bed 4: Mr Jones, potassium 6.9',
  from: 'nurse@h.example',
  name: 'Priya Shah',
  choices: [{ value: 'accept', label: 'Accept' }],
  answer: ANSWER_TOKEN,
};

async function deliverTo(device: string) {
  const store = memoryStore();
  const log = memoryLog('debug');
  const scheduler = new Scheduler(store.timers, log.logger);
  const sender = new WebPushSender(
    await store.push.vapid(newVapidKeys, new Date().toISOString()),
    'mailto:push@h.example',
    endpoint.ca,
  );
  stops.push(
    () => scheduler.stop(),
    () => sender.close(),
  );
  const deliver = new Deliver({ push: store.push, scheduler, log: log.logger, sender: async () => sender });
  scheduler.start();
  const sub = { ...endpoint.subscribe(device), node: `push-${device}`, jid: 'doctor@h.example', created: '' };
  await store.push.subscribe(sub);
  return { deliver, sub, push: store.push, log };
}

it('removes a subscription the push service no longer knows (404), as one it calls gone (410)', async () => {
  const { deliver, sub, push, log } = await deliverTo('lost-phone');
  endpoint.answer('lost-phone', 404);
  await deliver.toSubscription(sub, PAYLOAD, { urgency: 'high', ttl: 60 });
  expect(await push.byNode(sub.node)).toBeUndefined();
  expect(log.lines().join('')).toMatch(/"status":404.*push subscription expired; removed/);
});

it(
  'tries a failed push again until it is delivered, and logs the failures without the payload or its token',
  { timeout: 45_000 },
  async () => {
    const { deliver, sub, push, log } = await deliverTo('busy-phone');
    endpoint.answer('busy-phone', 500, 2);
    const since = Date.now();
    await deliver.toSubscription(sub, PAYLOAD, { urgency: 'high', ttl: 60 });
    // The first try, then the scheduler's after 5 s, failed; the next one (1 s later) gets through.
    await expect
      .poll(() => endpoint.received.filter((r) => r.device === 'busy-phone' && r.at >= since).length, {
        timeout: 30_000,
        interval: 100,
      })
      .toBe(1);
    expect(await push.byNode(sub.node)).toBeDefined();
    const lines = log.lines();
    expect(lines.filter((l) => l.includes('"status":500') && l.includes('push failed; will retry'))).toHaveLength(1);
    expect(lines.filter((l) => l.includes('the push service answered 500'))).toHaveLength(1);
    for (const secret of [ANSWER_TOKEN, PAYLOAD.title, PAYLOAD.name, sub.auth, sub.p256dh, sub.endpoint])
      expect(
        lines.filter((l) => l.includes(secret)),
        secret,
      ).toEqual([]);
  },
);
