// Issue #14, faults: PostgreSQL restarted under the running component while
// a dispatcher writes to a role. On a throwaway PostgreSQL of the test's own
// (pg-cluster.ts; the machine's shared server is never restarted), Prosody
// on SQLite. While the database is away each message is refused with an
// error saying to try again (internal-server-error, type wait); the
// component answers commands that need the database again within 5 s of
// the database being back; after the outbox's resend each message reached
// the nurse exactly once and is stored exactly once. Runs in int-pg only.
import { COMMANDS, DIRECTORY_FIELDS as F, NS_COMMANDS } from '@bleep/protocol';
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, runCommand, xml, type Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Watch } from '../fuzz/watch.ts';
import { startComponent, type RunningComponent } from '../index.ts';
import { memoryLog, STAFF } from '../test-support.ts';
import { startPgCluster, type PgCluster } from './pg-cluster.ts';
import { backAfter, recoveryBoundMs, RoleTraffic } from './traffic.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = memoryLog('warn');
let pg: PgCluster | undefined;
let prosody: RunningProsody | undefined;
let component: RunningComponent | undefined;
const clients: Client[] = [];

describe.runIf(process.env.BLEEP_TEST_STORAGE === 'postgres')('PostgreSQL restarted under the component', () => {
  beforeAll(async () => {
    pg = await startPgCluster();
    prosody = await startTestProsody({ overrides: { BLEEP_STORAGE: 'sqlite' }, accounts: STAFF });
    const s = { ...prosody.settings, storage: { kind: 'postgres' as const, url: pg.url } };
    const seed = STAFF.filter((p) => p.name).map((p) => ({ ...p, jid: `${p.user}@${s.domain}` }));
    // More than a sender's thirty role messages a minute, which this test is not about.
    component = await startComponent({
      settings: s,
      seed,
      logger: log.logger,
      limits: { roleMessagesPerMinute: 1000 },
    });
  });
  afterAll(async () => {
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    await component?.stop().catch(() => {});
    await prosody?.stop();
    pg?.stop();
  });

  it(
    'refuses with "try again" while it is away, answers within 5 s of it being back, and delivers each message once',
    { timeout: 90_000 },
    async () => {
      const s = prosody!.settings;
      const ops = s.opsHost;
      const account = (user: string) => STAFF.find((p) => p.user === user)!;
      const nurse = await login(s, account('nurse'));
      const dispatcher = await login(s, account('dispatcher'));
      clients.push(nurse, dispatcher);
      expect((await runCommand(nurse, ops, COMMANDS.duty, { [F.onDuty]: 'true' })).attrs.type).toBe('result');
      await nurse.send(xml('presence'));
      const traffic = new RoleTraffic(dispatcher, nurse, 'nurse', ops);
      const watch = new Watch(dispatcher);
      // whoami reads the directory: answered only when the database is.
      const whoami = () =>
        xml(
          'iq',
          { type: 'set', to: ops },
          xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.whoami, action: 'execute' }),
        );

      traffic.start(200);
      await sleep(1000);
      const restartAt = Date.now();
      await pg!.restart();
      const upAt = Date.now();
      const back = await backAfter(dispatcher, watch, ops, upAt, whoami);
      await sleep(400);
      traffic.stop();
      await sleep(1500);
      const during = traffic.tally();
      say(
        `PostgreSQL restarted in ${upAt - restartAt} ms; the component answered a command again ${back} ms after it was up; ` +
          `outcomes ${JSON.stringify(during)}; bound ${Math.round(recoveryBoundMs())} ms`,
      );
      expect(back).toBeLessThan(recoveryBoundMs());

      await traffic.resendUnconfirmed();
      await expect.poll(() => traffic.tally(), { timeout: 15_000 }).toEqual({ reached: traffic.outcomes.size });
      await sleep(500);
      expect(await traffic.problems(component!.store, `dispatcher@${s.domain}`)).toEqual([]);
    },
  );
});
