// One apply at a time per data dir: two admins (or the CLI and the PWA) applying together would each restore
// the other's files on a rollback. The lock file holds the pid of the apply; a lock whose process is gone
// (killed mid-apply) is taken over.
import { openSync, readFileSync, rmSync, writeSync, closeSync } from 'node:fs';
import { join } from 'node:path';

export const LOCK_FILE = 'settings-apply.lock';

export function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock, or says which process holds it. */
export function takeLock(dataDir: string): { ok: true; release: () => void } | { ok: false; holder: number } {
  const path = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o640);
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return { ok: true, release: () => rmSync(path, { force: true }) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number(readFileSync(path, 'utf8'));
      if (isAlive(holder)) return { ok: false, holder };
      rmSync(path, { force: true });
    }
  }
  return { ok: false, holder: 0 };
}
