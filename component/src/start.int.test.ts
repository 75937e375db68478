// startComponent fails fast and says why when it cannot get online: a wrong
// secret (XEP-0114 §3: Prosody answers the handshake with not-authorized) or
// nothing listening on the component port.
import { createServer } from 'node:net';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startComponent } from './index.ts';
import { createLogger } from './log.ts';

let prosody: RunningProsody;
beforeAll(async () => {
  prosody = await startTestProsody();
});
afterAll(() => prosody?.stop());

const logger = createLogger('silent');

it('refuses a wrong component secret with a message that names the secret', async () => {
  const settings = { ...prosody.settings, componentSecret: 'not-the-secret-prosody-has' };
  const started = Date.now();
  await expect(startComponent({ settings, logger })).rejects.toThrow(/BLEEP_COMPONENT_SECRET/);
  expect(Date.now() - started).toBeLessThan(16_000);
});

it('says where it looked when nothing listens on the component port', async () => {
  const port = await freePort();
  const settings = { ...prosody.settings, ports: { ...prosody.settings.ports, component: port } };
  await expect(startComponent({ settings, logger })).rejects.toThrow(`127.0.0.1:${port}`);
});

it('still starts with the right secret after those failures', async () => {
  const c = await startComponent({ settings: prosody.settings, logger });
  expect(c.jid).toBe(prosody.settings.opsHost);
  await c.stop();
});

// Ctrl-C on `npm start` reaches Prosody as well: it drops the component's
// connection without answering the component's </stream>.
it('stops at once when Prosody is stopping at the same time', async () => {
  const c = await startComponent({ settings: prosody.settings, logger });
  process.kill(prosody.pid, 'SIGTERM');
  const started = Date.now();
  await c.stop();
  expect(Date.now() - started).toBeLessThan(2_000);
  await prosody.restart();
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}
