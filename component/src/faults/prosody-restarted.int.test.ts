// Issue #14, faults: Prosody restarted under the component while a
// dispatcher writes to a role. The component reconnects by itself and
// answers again within 5 s of Prosody being back; messages written in the gap
// were refused (remote-server-timeout) or could not leave the device (the
// outbox keeps them); after the resend each reached the nurse exactly once
// and is stored exactly once. SQLite (int) and PostgreSQL (int-pg).
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { Client } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Watch } from '../fuzz/watch.ts';
import { memoryLog, runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { backAfter, recoveryBoundMs, RoleTraffic } from './traffic.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = memoryLog('info');
let h: Harness;

beforeAll(async () => {
  // Five messages a second through a gap of seconds, then the resend: more than a sender's thirty a
  // minute, which this test is not about (roles.int.test.ts tests the limit).
  h = await startHarness({ logger: log.logger, limits: { roleMessagesPerMinute: 1000 } });
});
afterAll(() => h?.stop());

/** Sends presence again whenever the client comes back online (offline messages wait for it). */
const present = (c: Client) => c.on('online', () => void c.send(xml('presence')).catch(() => {}));

it(
  'answers again within 5 s of Prosody restarting, and every role message reaches the nurse once',
  { timeout: 90_000 },
  async () => {
    const ops = h.prosody.settings.opsHost;
    const nurse = await h.login('nurse');
    const dispatcher = await h.login('dispatcher');
    present(nurse);
    expect((await runCommand(nurse, ops, COMMANDS.duty, { [F.onDuty]: 'true' })).attrs.type).toBe('result');
    await nurse.send(xml('presence'));
    const traffic = new RoleTraffic(dispatcher, nurse, 'nurse', ops);
    const watch = new Watch(dispatcher);

    traffic.start(200);
    await sleep(1000);
    const restartAt = Date.now();
    await h.prosody.restart();
    const upAt = Date.now();
    // As a person sees it: their own client has to sign in again too (xmpp.js waits 1 s first).
    const answered = await backAfter(dispatcher, watch, ops, upAt);
    // The component's own link, from its log: back within 5 s of Prosody (issue #14).
    const linked = log
      .lines()
      .map((l) => JSON.parse(l) as { msg: string; time: number })
      .filter((l) => l.msg === 'connected to Prosody' && l.time >= restartAt);
    expect(linked.length).toBe(1);
    const back = linked[0]!.time - upAt;
    await sleep(400);
    traffic.stop();
    await sleep(1500);
    const during = traffic.tally();
    say(
      `Prosody restarted in ${upAt - restartAt} ms; the component was linked again ${back} ms after it was up, ` +
        `and answered the dispatcher's signed-in-again client after ${answered} ms; outcomes ${JSON.stringify(during)}; bound ${Math.round(recoveryBoundMs())} ms`,
    );
    expect(back).toBeLessThan(recoveryBoundMs());
    expect(log.lines().filter((l) => /lost Prosody/.test(l)).length).toBeGreaterThan(0);

    await traffic.resendUnconfirmed();
    await expect.poll(() => traffic.tally(), { timeout: 15_000 }).toEqual({ reached: traffic.outcomes.size });
    await sleep(500);
    expect(await traffic.problems(h.component.store, `dispatcher@${h.prosody.settings.domain}`)).toEqual([]);
  },
);
