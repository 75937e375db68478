// Issue #14, faults: the component process killed with SIGKILL while a
// dispatcher writes to a role, and started again (as docker's restart
// policy would). It is back within 5 s; every message written meanwhile was
// refused with an error (Prosody: remote-server-timeout) or went through;
// after the outbox's resend of the unconfirmed ones, each reached the nurse
// exactly once and is stored exactly once. SQLite (int) and PostgreSQL (int-pg).
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, runCommand, xml, type Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Watch } from '../fuzz/watch.ts';
import { createLogger, startComponent } from '../index.ts';
import { openStore } from '../store/open.ts';
import { STAFF } from '../test-support.ts';
import { spawnComponent, type ComponentProcess } from './component-process.ts';
import { backAfter, recoveryBoundMs, RoleTraffic } from './traffic.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let prosody: RunningProsody;
let proc: ComponentProcess | undefined;
const clients: Client[] = [];

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: STAFF });
  const s = prosody.settings;
  // The directory seeded once, by a component that then stops; the process under test finds it stored.
  const seed = STAFF.filter((p) => p.name).map((p) => ({ ...p, jid: `${p.user}@${s.domain}` }));
  await (await startComponent({ settings: s, seed, logger: createLogger('silent') })).stop();
  proc = spawnComponent(s);
  await proc.connected;
});
afterAll(async () => {
  proc?.child.kill('SIGKILL');
  await Promise.all(clients.map((c) => c.stop().catch(() => {})));
  await prosody?.stop();
});

it('is back within 5 s of a SIGKILL, and every role message reaches the nurse once', { timeout: 60_000 }, async () => {
  const s = prosody.settings;
  const account = (user: string) => STAFF.find((p) => p.user === user)!;
  const nurse = await login(s, account('nurse'));
  const dispatcher = await login(s, account('dispatcher'));
  clients.push(nurse, dispatcher);
  expect((await runCommand(nurse, s.opsHost, COMMANDS.duty, { [F.onDuty]: 'true' })).attrs.type).toBe('result');
  await nurse.send(xml('presence'));
  const traffic = new RoleTraffic(dispatcher, nurse, 'nurse', s.opsHost);
  const watch = new Watch(dispatcher);

  // Five a second: under the sender's limit of thirty a minute for the whole test, resends included.
  traffic.start(200);
  await sleep(1000);
  const killedAt = Date.now();
  const old = proc!;
  old.child.kill('SIGKILL');
  await new Promise((r) => old.child.once('exit', r));
  await sleep(300); // messages written while nothing runs
  proc = spawnComponent(s);
  const back = await backAfter(dispatcher, watch, s.opsHost, killedAt);
  await sleep(400);
  traffic.stop();
  await sleep(1500); // the last replies
  const during = traffic.tally();
  say(
    `component SIGKILLed and restarted: answering again ${back} ms after the kill; outcomes ${JSON.stringify(during)}; bound ${Math.round(recoveryBoundMs())} ms`,
  );
  expect(back).toBeLessThan(recoveryBoundMs());
  // The gap was real, and the people in it were told.
  expect(during['error:remote-server-timeout'] ?? 0).toBeGreaterThan(0);

  await traffic.resendUnconfirmed();
  await expect.poll(() => traffic.tally(), { timeout: 10_000 }).toEqual({ reached: traffic.outcomes.size });
  await sleep(500); // a second delivery would arrive by now
  const store = await openStore({ dataDir: s.dataDir, storage: s.storage });
  try {
    expect(await traffic.problems(store, `dispatcher@${s.domain}`)).toEqual([]);
  } finally {
    await store.close();
  }
});
