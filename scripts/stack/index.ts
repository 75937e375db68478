// One stack for `npm start` and the end-to-end tests: settings → TLS and ports
// → Prosody (with the demo accounts) → component (with the demo directory) →
// web server. Stops in reverse order.
import { resolve } from 'node:path';
import { formatProblems, readEnvFile, parseSettings, type Settings } from '@bleep/prosody-config';
import { startOnFreePorts, startProsody, writeTestEnv } from '@bleep/prosody-config/runner';
import { createWriteStream } from 'node:fs';
import { createLogger, startComponent } from '@bleep/component';
import { serveWeb } from '@bleep/pwa/server';
import { demoAccounts, type DemoAccount } from './demo-accounts.ts';
import { DEMO_WEB_PORT, demoEnv } from './demo-env.ts';
import { portIsFree } from './ports.ts';
import { ensurePwaBuilt } from './build-pwa.ts';

export type { DemoAccount };

export interface StackOptions {
  /** Folder holding .env; the data folder defaults to <cwd>/.data. */
  readonly cwd?: string;
  /** Values that win over .env and the process environment (tests set BLEEP_DATA_DIR, ports). */
  readonly env?: Readonly<Record<string, string>>;
  readonly onProgress?: (line: string) => void;
}

export interface Stack {
  readonly url: string;
  readonly settings: Settings;
  readonly accounts: readonly DemoAccount[];
  /**
   * The component alone (the tests of issue #14): stopped, Prosody bounces what
   * is sent to ops.<domain> as it would after a crash; started again on the same data.
   */
  readonly component: { stop(): Promise<void>; start(): Promise<void> };
  stop(): Promise<void>;
}

export async function startStack(opts: StackOptions = {}): Promise<Stack> {
  const cwd = opts.cwd ?? process.cwd();
  const progress = opts.onProgress ?? (() => {});
  const env = { ...readEnvFile(resolve(cwd, '.env')), ...process.env, ...opts.env };
  const given = { ...demoEnv(env, cwd), ...env };
  const result = parseSettings(given, cwd);
  if (!result.ok) throw new Error(`The settings are not usable:\n${formatProblems(result.problems)}`);
  let settings = result.settings;
  if (settings.ports.web === 0 && !opts.env?.BLEEP_WEB_PORT && (await portIsFree(settings.bind, DEMO_WEB_PORT)))
    settings = { ...settings, ports: { ...settings.ports, web: DEMO_WEB_PORT } };
  ensurePwaBuilt(progress);
  return startOnFreePorts(settings, (prepared) => startOn(prepared, given, progress), progress);
}

/** Prosody, the component and the web server on prepared settings; stops what it started if one fails. */
async function startOn(
  settings: Settings,
  given: Readonly<Record<string, string | undefined>>,
  progress: (line: string) => void,
): Promise<Stack> {
  const accounts = demoAccounts(settings.dataDir, settings.domain);
  const stops: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const s of stops.reverse()) await s().catch(() => {});
  };
  try {
    // Prosody's settings CLI (Admin → Server settings) reads the values this stack started with from this file in
    // the data folder: the checkout's .env holds none of the demo's own (admins, secret, data folder). Its edits
    // go to settings-overlay.env beside it, as anywhere.
    const bleep = Object.entries(given).filter((e): e is [string, string] => e[0].startsWith('BLEEP_') && !!e[1]);
    const settingsEnvFile = await writeTestEnv(settings, Object.fromEntries(bleep));
    const prosody = await startProsody({ settings, accounts, onProgress: progress, settingsEnvFile });
    stops.push(() => prosody.stop());
    progress('starting the component');
    const seed = accounts.map((a) => ({ jid: a.jid, name: a.name, roles: [...a.roles], department: a.department }));
    // The component logs to a file in the data folder, so the console keeps to the demo's own lines.
    const logFile = resolve(settings.dataDir, 'component.log');
    const logger = createLogger(settings.logLevel, createWriteStream(logFile, { flags: 'a', mode: 0o640 }));
    let component = await startComponent({ settings, seed, logger });
    progress(`the component is up (log: ${logFile})`);
    stops.push(() => component.stop());
    const restartable = {
      stop: () => component.stop(),
      start: async () => void (component = await startComponent({ settings, seed, logger })),
    };
    progress('starting the web server');
    const web = await serveWeb({ settings });
    stops.push(() => web.stop());
    return { url: web.url, settings, accounts, component: restartable, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
