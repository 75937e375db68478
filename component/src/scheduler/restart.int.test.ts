// A timer on the real component: a service registers a kind (here a test
// reminder that messages a nurse), the component is stopped before it falls
// due, and the next start fires it, once, as the nurse sees.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startComponent, type RunningComponent } from '../index.ts';
import { createLogger } from '../log.ts';
import type { Service } from '../service.ts';
import { xml } from '../xmpp/xml.ts';

const nurseAccount = { user: 'nurse', password: 'nurse-password-1' };
let prosody: RunningProsody;
let nurse: Client;
const running: RunningComponent[] = [];
beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [nurseAccount] });
  nurse = await login(prosody.settings, nurseAccount);
  await nurse.send(xml('presence') as never);
});
afterAll(async () => {
  for (const c of running) await c.stop().catch(() => {});
  await nurse?.stop();
  await prosody?.stop();
});

const reminders: Service = {
  name: 'test-reminders',
  register({ scheduler, send, config }) {
    scheduler.register('reminder', async (payload) => {
      const { to, text } = payload as { to: string; text: string };
      send(xml('message', { type: 'chat', from: config.opsHost, to }, xml('body', {}, text)));
    });
  },
};
const start = async () => {
  const c = await startComponent({ settings: prosody.settings, logger: createLogger('silent'), services: [reminders] });
  running.push(c);
  return c;
};

it('fires a timer that fell due while the component was stopped, once, when it starts again', async () => {
  const got: string[] = [];
  nurse.on('stanza', ((el: XmlElement) => el.name === 'message' && got.push(el.getChildText('body') ?? '')) as never);
  const first = await start();
  const to = `nurse@${prosody.settings.domain}`;
  await first.scheduler.schedule({
    kind: 'reminder',
    key: 'check-bed-4',
    at: Date.now() + 500,
    payload: { to, text: 'Check bed 4' },
  });
  await first.stop();
  await new Promise((r) => setTimeout(r, 1000));
  expect(got).toEqual([]);
  await start();
  await expect.poll(() => got, { timeout: 10_000 }).toEqual(['Check bed 4']);
  await new Promise((r) => setTimeout(r, 500));
  expect(got).toEqual(['Check bed 4']);
});
