// A port chosen for a start is taken by someone else before Prosody binds it (two stacks of one test
// run picked the same free port): the start notices and runs again on other ports, instead of failing
// or, worse, leaving Prosody without that listener while the other program answers on it.
import { createServer, type Server } from 'node:net';
import { afterAll, expect, it } from 'vitest';
import { startOnFreePorts } from './fresh-ports.ts';
import { startProsody, testSettings, type RunningProsody } from './index.ts';
import { freePorts } from './ports.ts';
import { login } from './test-client.ts';

const alice = { user: 'alice', password: 'alice-password-1' };
let prosody: RunningProsody | undefined;
let squatter: Server | undefined;

afterAll(async () => {
  await prosody?.stop();
  await new Promise((r) => squatter?.close(r));
});

it('starts again on another c2s port when the chosen one was taken meanwhile', async () => {
  // testSettings() for a temp data dir (and database), its ports blank again as npm start gives them.
  const base = await testSettings();
  const blank = { ...base, ports: { c2s: 0, http: 0, component: 0, opsHttp: 0, web: 0 } };
  const [busy] = await freePorts(1);
  squatter = createServer((sock) => sock.destroy());
  await new Promise<void>((r) => squatter!.listen(busy, '127.0.0.1', r));

  const tried: number[] = [];
  const retries: string[] = [];
  prosody = await startOnFreePorts(
    blank,
    (s) => {
      // The first start is handed the squatted port, as if freePorts() had chosen it just before the squatter bound it.
      const settings = tried.length === 0 ? { ...s, ports: { ...s.ports, c2s: busy! } } : s;
      tried.push(settings.ports.c2s);
      return startProsody({ settings, accounts: [alice] });
    },
    (line) => retries.push(line),
  );
  expect(tried).toHaveLength(2);
  expect(tried[0]).toBe(busy);
  expect(prosody.settings.ports.c2s).not.toBe(busy);
  expect(retries.join('\n')).toContain(`port ${busy} was taken`);
  // It is Prosody that answers on the new port.
  const client = await login(prosody.settings, alice);
  await client.stop();
});

it('does not change a port the settings fixed: a taken one is reported', async () => {
  const s = await testSettings();
  const [busy] = await freePorts(1);
  const other = createServer();
  await new Promise<void>((r) => other.listen(busy, '127.0.0.1', r));
  let starts = 0;
  const fixed = { ...s, ports: { ...s.ports, c2s: busy! } };
  await expect(startOnFreePorts(fixed, (p) => (starts++, startProsody({ settings: p })))).rejects.toThrow(
    new RegExp(`port ${busy} on .* is already in use`),
  );
  expect(starts).toBe(1);
  await new Promise((r) => other.close(r));
});
