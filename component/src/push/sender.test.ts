// The Web Push sender against a local HTTPS push endpoint (test-push-endpoint.ts): many pushes at once
// reuse a few kept-alive connections instead of opening one each (bench alarm-push-200).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { IN_FLIGHT, newVapidKeys, WebPushSender } from './sender.ts';
import { startPushEndpoint, type PushEndpoint } from './test-push-endpoint.ts';

let endpoint: PushEndpoint;
beforeAll(async () => {
  endpoint = await startPushEndpoint();
});
afterAll(() => endpoint?.stop());

it('sends 100 pushes at once over at most IN_FLIGHT connections, every one delivered', async () => {
  const sender = new WebPushSender(newVapidKeys(), 'mailto:push@h.example', endpoint.ca);
  const subs = Array.from({ length: 100 }, (_, i) => ({
    ...endpoint.subscribe(`d${i}`),
    node: `push-${i}`,
    jid: `p${i}@h.example`,
    created: '',
  }));
  const payload = { kind: 'message', from: 'nurse@h.example', name: 'Priya Shah' } as const;
  const out = await Promise.all(subs.map((s) => sender.send(s, payload, { urgency: 'normal', ttl: 60 })));
  expect(out.every((o) => o.kind === 'sent')).toBe(true);
  expect(new Set(endpoint.received.map((r) => r.device)).size).toBe(100);
  expect(endpoint.load.mostAtOnce).toBeLessThanOrEqual(IN_FLIGHT);
  expect(endpoint.load.connections).toBeLessThanOrEqual(IN_FLIGHT);
  // A second burst reuses them.
  const before = endpoint.load.connections;
  await Promise.all(subs.slice(0, 20).map((s) => sender.send(s, payload, { urgency: 'normal', ttl: 60 })));
  expect(endpoint.load.connections).toBe(before);
  sender.close();
});
