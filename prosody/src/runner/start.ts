// startProsody: renders the config for prepared settings, creates the accounts and starts Prosody.
import { join } from 'node:path';
import { writeConfig } from '../config-file.ts';
import { defaultLauncher } from '../launcher.ts';
import { CONFIG_FILE, renderConfig } from '../render.ts';
import { writeRuntime } from '../settings/runtime.ts';
import type { Settings } from '../settings/types.ts';
import { validateSettings } from '../settings/validate.ts';
import { createAccounts, type Account } from './accounts.ts';
import { ensureInstalled } from './install.ts';
import { removeTestDataDir } from './prepare.ts';
import { spawnProsody } from './process.ts';
import { chooseRunAs } from './user.ts';

export interface RunningProsody {
  settings: Settings;
  configPath: string;
  pid: number;
  /** SIGTERM, SIGKILL after 5 s; a data dir (and database) made by testSettings() is removed too. */
  stop(): Promise<void>;
  /** Stops Prosody and starts it again on the same ports and data, as a server restart would. */
  restart(): Promise<void>;
}

function assertPrepared(s: Settings): void {
  const blank = Object.entries(s.ports).filter(([k, v]) => k !== 'web' && v === 0);
  if (blank.length > 0 || !s.tls.cert || !s.tls.key || !s.publicUrl)
    throw new Error('startProsody needs prepared settings: call prepareSettings(settings) first');
  const problems = validateSettings(s);
  if (problems.length > 0)
    throw new Error(`refusing to start Prosody:\n${problems.map((p) => `  - ${p.setting}: ${p.message}`).join('\n')}`);
}

export interface StartOptions {
  settings: Settings;
  accounts?: Account[];
  onProgress?: (line: string) => void;
  /** Lua appended to the rendered config: benchmarks only, for a peer module on the same server (bench/location.ts). */
  extraConfig?: string;
  /** A settings file for the CLI mod_bleep_settings runs, instead of `.env` in this folder (tests). */
  settingsEnvFile?: string;
}

export async function startProsody(opts: StartOptions): Promise<RunningProsody> {
  const { settings: s } = opts;
  const progress = opts.onProgress ?? (() => {});
  assertPrepared(s);
  await ensureInstalled(s, progress);
  const runAs = await chooseRunAs(s.dataDir);
  const configPath = join(s.dataDir, CONFIG_FILE);
  const rendered = renderConfig(s, { runAsRoot: runAs.runAsRoot, launcher: defaultLauncher(opts.settingsEnvFile) });
  const config = rendered + (opts.extraConfig ? `\n${opts.extraConfig}\n` : '');
  // An admin's apply renders over what was chosen here (settings/runtime.ts) and compares with `rendered`.
  const owner = runAs.uid === undefined ? undefined : { uid: runAs.uid, gid: runAs.gid! };
  await writeConfig(configPath, config, rendered, owner);
  await writeRuntime(s, owner);
  if (opts.accounts?.length) {
    progress(`creating ${opts.accounts.length} account(s)`);
    await createAccounts(configPath, s.domain, opts.accounts, runAs);
  }
  const host = s.bind === '0.0.0.0' || s.bind === '::' ? '127.0.0.1' : s.bind;
  progress(
    `starting Prosody ${runAs.description} on ${host}: c2s ${s.ports.c2s}, http ${s.ports.http}, component ${s.ports.component}`,
  );
  const t0 = performance.now();
  const spawn = () =>
    spawnProsody({
      configPath,
      dataDir: s.dataDir,
      ports: [s.ports.c2s, s.ports.http, s.ports.component],
      host,
      runAs,
    });
  let proc = await spawn();
  progress(`Prosody is up (pid ${proc.pid}, ${Math.round(performance.now() - t0)} ms)`);
  const running: RunningProsody = {
    settings: s,
    configPath,
    pid: proc.pid,
    async stop() {
      await proc.stop();
      await removeTestDataDir(s.dataDir); // only a testSettings() temp dir (and its database)
    },
    async restart() {
      await proc.stop();
      proc = await spawn();
      running.pid = proc.pid;
    },
  };
  return running;
}
