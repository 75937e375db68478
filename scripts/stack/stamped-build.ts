// A build that counts as done only when it finished: its last step writes a stamp into the output
// folder naming the newest source time it was built from. A build cut off halfway leaves no stamp
// (it is removed before the build starts; vite empties its output folder too), so the next run
// builds again. Two processes at once take turns on a lock and check again once they hold it, so
// the second finds the first one's build and does not build over it while it is being served.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StampedBuild {
  /** What is built, for the progress line and the error ("the web app"). */
  readonly name: string;
  /** Files and folders the output is built from (a missing one counts as old). */
  readonly sources: readonly string[];
  /** The output folder; the stamp is written into it. */
  readonly outDir: string;
  /** A file outside outDir (which the build may empty), locked with flock(1) while one process builds. */
  readonly lock: string;
  /** The build: a program and its arguments, run in cwd. */
  readonly command: readonly string[];
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

const STAMP = '.build-complete.json';

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, f) => Math.max(m, newest(join(path, f))), st.mtimeMs);
}

const sourceTime = (b: StampedBuild) => Math.max(0, ...b.sources.map(newest));

function stampedTime(b: StampedBuild): number | undefined {
  try {
    const t: unknown = JSON.parse(readFileSync(join(b.outDir, STAMP), 'utf8')).sourceTime;
    return typeof t === 'number' ? t : undefined;
  } catch {
    return undefined;
  }
}

/** No finished build, or a source changed since the one there started. */
export function isStale(b: StampedBuild): boolean {
  const built = stampedTime(b);
  return built === undefined || sourceTime(b) > built;
}

/** Under the lock: check again, then build and stamp. The source time is read before building, so an edit made
 * while the build runs leaves the result stale. */
function buildUnderLock(b: StampedBuild): number {
  if (!isStale(b)) return 0;
  const started = sourceTime(b);
  rmSync(join(b.outDir, STAMP), { force: true });
  const [program, ...args] = b.command;
  const r = spawnSync(program!, args, { cwd: b.cwd, stdio: 'inherit', env: { ...process.env, ...b.env } });
  if (r.status !== 0) return r.status ?? 1;
  writeFileSync(join(b.outDir, STAMP), JSON.stringify({ sourceTime: started }) + '\n');
  return 0;
}

/** Builds unless a finished build of the current sources is there; throws if the build fails. */
export function ensureBuilt(b: StampedBuild, progress: (line: string) => void = () => {}): void {
  if (!isStale(b)) return;
  progress(`building ${b.name}`);
  // flock(1) (util-linux) holds the lock for the child's life, and the kernel drops it if the child dies, so
  // a build cut off leaves no lock behind. The child checks again once it holds the lock.
  const r = spawnSync('flock', [b.lock, process.execPath, fileURLToPath(import.meta.url), JSON.stringify(b)], {
    stdio: 'inherit',
  });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`The build of ${b.name} failed (exit ${r.status}); see its output above.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = buildUnderLock(JSON.parse(process.argv[2]!));
