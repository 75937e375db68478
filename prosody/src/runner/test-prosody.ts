// Test support: a Prosody of the test's own on testSettings(), started again on other ports when a port
// chosen for it was taken before Prosody bound it (startOnFreePorts, as the shared stack does). Test files
// run two at a time, beside other checkouts' runs, so a port free when chosen can be gone a moment later.
import { writeTestEnv } from '../apply/test-env.ts';
import { startOnFreePorts } from './fresh-ports.ts';
import { unpreparedTestSettings } from './prepare.ts';
import { startProsody, type RunningProsody, type StartOptions } from './start.ts';

export interface TestProsodyOptions extends Omit<StartOptions, 'settings' | 'settingsEnvFile'> {
  /** BLEEP_* values over testSettings()'s own; a port given here is kept (a taken one fails the start). */
  overrides?: Readonly<Record<string, string>>;
  /** Hand the CLI that mod_bleep_settings runs the .env a hospital would have (writeTestEnv). */
  settingsEnv?: boolean;
}

export async function startTestProsody(opts: TestProsodyOptions = {}): Promise<RunningProsody> {
  const { overrides, settingsEnv, ...start } = opts;
  const settings = await unpreparedTestSettings(overrides);
  // The file names no port: each start writes the ports it chose to settings-runtime.env.
  const settingsEnvFile = settingsEnv ? await writeTestEnv(settings) : undefined;
  return startOnFreePorts(
    settings,
    (prepared) => startProsody({ ...start, settings: prepared, settingsEnvFile }),
    start.onProgress,
  );
}
