// Runs `prosody -F` as a child process (never the system service), waits
// until its ports accept connections, and stops it by PID.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { stopChild } from './child.ts';
import { LOG_FILE } from '../render.ts';
import { listensOn } from './listening.ts';
import { canConnect, PortInUseError } from './ports.ts';
import type { RunAs } from './user.ts';
import { guard } from './watchdog.ts';

const START_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;

export interface ProsodyProcess {
  readonly pid: number;
  stop(): Promise<void>;
}

/** The last lines of Prosody's log and console output, for error messages. */
function tail(dataDir: string, console: string, lines = 30): string {
  const log = existsSync(join(dataDir, LOG_FILE)) ? readFileSync(join(dataDir, LOG_FILE), 'utf8') : '';
  return `${log}\n${console}`.trim().split('\n').slice(-lines).join('\n');
}

function logSize(dataDir: string): number {
  const file = join(dataDir, LOG_FILE);
  return existsSync(file) ? statSync(file).size : 0;
}

/**
 * Prosody does not stop when it cannot bind a port: it logs "Failed to open server port N on HOST, …"
 * and runs without that listener, while whoever holds the port answers connections on it. The log
 * (from `since`, this start's part of it) says so.
 */
function failedPort(dataDir: string, since: number): PortInUseError | undefined {
  const file = join(dataDir, LOG_FILE);
  if (!existsSync(file)) return undefined;
  const m = /Failed to open server port (\d+) on ([^,\s]+)/.exec(readFileSync(file).subarray(since).toString('utf8'));
  return m ? new PortInUseError(Number(m[1]), m[2]!) : undefined;
}

async function waitForPorts(
  child: ChildProcess,
  ports: number[],
  host: string,
  log: { dataDir: string; since: number },
): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  let pending = ports;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`exited with ${child.exitCode ?? child.signalCode}`);
    const taken = failedPort(log.dataDir, log.since);
    if (taken) throw taken;
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`ports ${pending.join(', ')} not open after ${START_TIMEOUT_MS / 1000} s`);
    // Prosody's own listener where /proc tells; else any (a taken port then shows only in the log).
    const open = await Promise.all(pending.map((p) => listensOn(child.pid!, p) ?? canConnect(p, host)));
    pending = pending.filter((_, i) => !open[i]);
    if (pending.length > 0) await new Promise((r) => setTimeout(r, 25));
  }
}

export async function spawnProsody(opts: {
  configPath: string;
  dataDir: string;
  ports: number[];
  host: string;
  runAs: RunAs;
}): Promise<ProsodyProcess> {
  const since = logSize(opts.dataDir);
  const child = spawn('prosody', ['-F', '--config', opts.configPath], {
    cwd: opts.dataDir,
    env: { ...process.env, HOME: opts.dataDir },
    uid: opts.runAs.uid,
    gid: opts.runAs.gid,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: Ctrl-C in a terminal signals the whole foreground
    // group, and Prosody must not start shutting down (closing every client
    // session) before the web server in front of it has stopped. Its parent
    // stops it; the watchdog covers a parent that dies (watchdog.ts).
    detached: true,
  });
  let output = '';
  const keep = (d: Buffer) => (output = (output + d.toString()).slice(-8_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  spawnError.catch(() => {}); // observed through the race below
  if (child.pid === undefined) await spawnError;
  const pid = child.pid!;
  const unguard = guard(pid);

  const stop = async () => {
    await stopChild(child, STOP_TIMEOUT_MS);
    unguard();
  };

  try {
    await Promise.race([waitForPorts(child, opts.ports, opts.host, { dataDir: opts.dataDir, since }), spawnError]);
  } catch (err) {
    await stop();
    throw new Error(
      `Prosody did not start (${(err as Error).message}). Last log lines:\n${tail(opts.dataDir, output)}`,
      { cause: err },
    );
  }
  return { pid, stop };
}
