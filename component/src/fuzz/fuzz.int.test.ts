// Issue #14: the bounded fuzz run of `npm test` (the long one is `npm run
// fuzz`). ~2,000 seeded mutants of valid stanzas (every command the
// component lists with its form, role messages, presence, disco, pubsub
// shapes, answers typed in rooms and to req- addresses) from an ordinary and an admin account through real Prosody, on
// SQLite (int) and PostgreSQL (int-pg). Fails on a link drop, an unanswered
// IQ, a failed probe, a mangled character, a crash, a body in the log, or a
// stored change that no admin edit explains. BLEEP_FUZZ_SEED repeats a run.
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { memoryLog, runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { failures, FUZZ_LIMITS, runFuzz, show, type FuzzCounts } from './run.ts';
import { snapshot, unexplained } from './snapshot.ts';

const SEED = Number(process.env.BLEEP_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const COUNT = Number(process.env.BLEEP_FUZZ_COUNT ?? 2000);
// Debug, so that every line the component writes is searched for a body.
const log = memoryLog('debug');
// The counts are the run's report, printed whether it passes or not.
const say = (line: string) => process.stdout.write(`${line}\n`);
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ logger: log.logger, limits: FUZZ_LIMITS });
});
afterAll(() => h?.stop());

// Under a minute on an idle 2-core machine; the timeout leaves room for a loaded one.
it(`survives ${COUNT} mutated stanzas with nothing dropped, mangled or changed`, { timeout: 300_000 }, async () => {
  const s = h.prosody.settings;
  const probe = await h.login('newcomer');
  const receiver = await h.login('dispatcher');
  expect((await runCommand(receiver, s.opsHost, COMMANDS.duty, { [F.onDuty]: 'true' })).attrs.type).toBe('result');
  await receiver.send(xml('presence'));
  const before = await snapshot(h.component.store);
  const account = (user: string) => ({ user, login: () => h.login(user) });
  const counts = await runFuzz({
    seed: SEED,
    count: COUNT,
    ops: s.opsHost,
    domain: s.domain,
    ordinary: account('nurse'),
    admin: account('admin'),
    probe,
    receiver,
    probeRole: 'dispatcher',
    log: log.lines,
    ...(process.env.BLEEP_FUZZ_DEBUG ? { debug: say, progress: (c: FuzzCounts) => say(show(c)) } : {}),
  });
  say(`fuzz (${h.component.store.kind}) ${show(counts)}`);
  const after = await snapshot(h.component.store);
  expect(counts.stanzas).toBe(COUNT);
  expect(counts.iqs).toBeGreaterThan(COUNT / 3);
  expect(failures(counts)).toEqual([]);
  const fuzzers = [`admin@${s.domain}`, `nurse@${s.domain}`];
  expect(unexplained(before, after, `admin@${s.domain}`, s.domain, fuzzers)).toEqual([]);
  // The admin's edits really happened (the run reached the handlers behind the forms).
  expect(after.audit.length).toBeGreaterThan(before.audit.length);
});
