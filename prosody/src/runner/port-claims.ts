// Where free ports for our servers are chosen, and claimed so that no two processes of this machine
// (vitest workers, another checkout's test run) hand out the same one while the first is alive.
// - Below the kernel's ephemeral range: the kernel never gives those to an outgoing connection's
//   local end nor to a bind on port 0, the two ways a port "free" a moment ago was taken before.
// - Claimed by a file named after the port and the claimer's pid in one folder of the temp dir; the
//   claim lapses when that process is gone (claimPort). Hand-written: get-port, the usual package,
//   keeps its reservations in memory, so they hold within one process only.
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DIR = join(tmpdir(), 'bleep-port-claims');
const LOWEST = 15_000; // above the usual development servers' ports (3000, 5173, 5432, 8080…)
const mine: string[] = [];

/** The ports to choose from: LOWEST up to the kernel's ephemeral range; undefined where the kernel does not say. */
export function portRange(): { low: number; high: number } | undefined {
  try {
    const [ephemeralLow] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return ephemeralLow && ephemeralLow - 1 > LOWEST + 1000 ? { low: LOWEST, high: ephemeralLow - 1 } : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const pid = (file: string) => Number(file.slice(file.indexOf('.') + 1));

// Test workers end without running exit handlers, so their claims stay behind: each process, before
// its first claim, removes those of processes that are gone.
let pruned = false;
function pruneOnce(): void {
  if (pruned) return;
  pruned = true;
  for (const f of readdirSync(DIR)) if (!alive(pid(f))) rmSync(join(DIR, f), { force: true });
}

/**
 * True when this process now holds the port's claim (kept until it exits); false when another live
 * process holds it, or this one already did. Each process makes a file of its own (port.pid) and only
 * then looks for others: of two racing for a port, the later to look sees the other and steps back
 * (both may), so two never both hold it. A file whose process is gone is removed by whoever finds it.
 */
export function claimPort(port: number): boolean {
  mkdirSync(DIR, { recursive: true });
  pruneOnce();
  const own = `${port}.${process.pid}`;
  try {
    closeSync(openSync(join(DIR, own), 'wx'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false; // this process has it already
    throw err;
  }
  for (const other of readdirSync(DIR).filter((f) => f.startsWith(`${port}.`) && f !== own)) {
    if (alive(pid(other))) {
      rmSync(join(DIR, own), { force: true });
      return false;
    }
    rmSync(join(DIR, other), { force: true });
  }
  if (mine.push(own) === 1) process.once('exit', () => mine.forEach((f) => rmSync(join(DIR, f), { force: true })));
  return true;
}
