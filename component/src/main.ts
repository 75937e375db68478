// `node component/src/main.ts`: the component as its own process (docker).
// Settings from .env and the environment; every problem listed before it
// connects; SIGTERM/SIGINT stop it cleanly.
import { formatProblems, loadSettings } from '@bleep/prosody-config';
import { componentConfig } from './config.ts';
import { startComponent } from './index.ts';
import { createLogger } from './log.ts';

const loaded = loadSettings();
if (!loaded.ok) {
  console.error(`bleep-component: the settings are not usable:\n${formatProblems(loaded.problems)}`);
  process.exit(1);
}
const checked = componentConfig(loaded.settings);
if (!checked.ok) {
  console.error(`bleep-component: the settings are not usable:\n  - ${checked.problems.join('\n  - ')}`);
  process.exit(1);
}
const log = createLogger(checked.config.logLevel);
// Signals are handled from the first moment: a SIGTERM during start-up waits
// for the start to settle, then stops what was started.
const starting = startComponent({ settings: loaded.settings, logger: log });
let stopping = false;
const shutdown = (signal: string) => {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'stopping');
  starting.then(
    (running) =>
      running.stop().then(
        () => process.exit(0),
        () => process.exit(1),
      ),
    () => process.exit(0),
  );
};
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
try {
  await starting;
  // Every service is online (templates, presets and department rooms in place): what a supervisor or a
  // benchmark waits for; "connected to Prosody" comes before them.
  log.info('started');
} catch (err) {
  console.error(`bleep-component: ${(err as Error).message}`);
  process.exit(1);
}
