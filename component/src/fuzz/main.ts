// `npm run fuzz [-- COUNT [SEED]]`: the long fuzz run (issue #14), 10,000
// stanzas by default, against its own Prosody and component exactly as the
// bounded run in `npm test` (fuzz.int.test.ts); BLEEP_TEST_STORAGE=postgres
// runs it on PostgreSQL. Prints the seed first and the same counts; exits 1
// when anything went wrong.
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import { memoryLog, runCommand, startHarness, xml } from '../test-support.ts';
import { FUZZ_LIMITS, failures, runFuzz, show } from './run.ts';
import { snapshot, unexplained } from './snapshot.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const count = Number(process.argv[2] ?? 10_000);
const seed = Number(process.argv[3] ?? Math.floor(Math.random() * 2 ** 31));
let uncaught = 0;
process.on('uncaughtException', (err) => (uncaught++, console.error('uncaught:', err.message)));
process.on('unhandledRejection', (err) => (uncaught++, console.error('unhandled:', (err as Error)?.message)));

say(`fuzz: ${count} stanzas, seed ${seed} (again: npm run fuzz -- ${count} ${seed})`);
const log = memoryLog('debug');
const h = await startHarness({ logger: log.logger, limits: FUZZ_LIMITS });
const s = h.prosody.settings;
try {
  const probe = await h.login('newcomer');
  const receiver = await h.login('dispatcher');
  await runCommand(receiver, s.opsHost, COMMANDS.duty, { [F.onDuty]: 'true' });
  await receiver.send(xml('presence'));
  const before = await snapshot(h.component.store);
  let shown = 0;
  const counts = await runFuzz({
    seed,
    count,
    ops: s.opsHost,
    domain: s.domain,
    ordinary: { user: 'nurse', login: () => h.login('nurse') },
    admin: { user: 'admin', login: () => h.login('admin') },
    probe,
    receiver,
    probeRole: 'dispatcher',
    log: log.lines,
    ...(process.env.BLEEP_FUZZ_DEBUG ? { debug: say } : {}),
    progress: (c) => c.stanzas >= shown + 1000 && ((shown = c.stanzas), say(`  ${show(c)}`)),
  });
  const fuzzers = [`admin@${s.domain}`, `nurse@${s.domain}`];
  const changed = unexplained(before, await snapshot(h.component.store), `admin@${s.domain}`, s.domain, fuzzers);
  say(
    `fuzz (${h.component.store.kind}) ${show(counts)}; ${changed.length} unexplained stored changes; ${uncaught} uncaught errors`,
  );
  for (const c of changed) say(`  changed: ${c}`);
  process.exitCode = failures(counts).length || changed.length || uncaught ? 1 : 0;
} finally {
  await h.stop();
}
