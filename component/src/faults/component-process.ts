// The component as its own process (main.ts, as docker runs it), for tests
// that kill it: the same settings Prosody was started with, given as the
// environment main.ts reads.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { Settings } from '@bleep/prosody-config';
import { stopChild } from '@bleep/prosody-config/runner';

const MAIN = join(import.meta.dirname, '..', 'main.ts');

export interface ComponentProcess {
  readonly child: ChildProcess;
  /** Resolves once it is connected to Prosody (its log says so); its services may still be starting. */
  readonly connected: Promise<void>;
  /** Resolves once its start has finished (main.ts logs "started"): templates, presets and rooms in place. */
  readonly started: Promise<void>;
  output(): string;
  /** SIGTERM, then SIGKILL if it has not exited after `killAfterMs`. */
  stop(killAfterMs?: number): Promise<void>;
}

/** `more`: other BLEEP_* values the stack was started with (the benchmarks' ports, a push service). */
export function spawnComponent(s: Settings, more: Readonly<Record<string, string>> = {}): ComponentProcess {
  const env = {
    ...more,
    PATH: process.env.PATH!,
    BLEEP_DOMAIN: s.domain,
    BLEEP_ADMINS: s.admins.join(','),
    BLEEP_DATA_DIR: s.dataDir,
    BLEEP_COMPONENT_PORT: String(s.ports.component),
    BLEEP_COMPONENT_SECRET: s.componentSecret,
    BLEEP_LOG_LEVEL: 'info',
    ...(s.storage.kind === 'postgres' ? { BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: s.storage.url } : {}),
  };
  const child = spawn(process.execPath, [MAIN], { cwd: s.dataDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const seen = (d: Buffer) => (out += d.toString());
  child.stdout!.on('data', seen);
  child.stderr!.on('data', seen);
  /** Resolves when the output says `what`, rejects if the process exits first. */
  const logged = (what: RegExp) => {
    const p = new Promise<void>((resolve, reject) => {
      const look = () => {
        if (!what.test(out)) return;
        child.stdout!.off('data', look);
        child.stderr!.off('data', look);
        resolve();
      };
      child.stdout!.on('data', look);
      child.stderr!.on('data', look);
      child.once('exit', (code) => reject(new Error(`the component exited (${code}):\n${out}`)));
    });
    p.catch(() => {});
    return p;
  };
  return {
    child,
    connected: logged(/connected to Prosody/),
    started: logged(/"msg":"started"/),
    output: () => out,
    stop: (killAfterMs = 10_000) => stopChild(child, killAfterMs),
  };
}
