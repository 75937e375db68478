// Which user Prosody runs as. Started as root, the `prosody` daemon refuses to
// run (mod_posix: "Prosody doesn't need to be run as root") and prosodyctl
// switches itself to the `prosody` user (util/startup.lua switch_user), which
// then cannot read a root-only data dir. So as root we start both as the
// `prosody` user ourselves and hand it the data dir; if that user cannot reach
// the data dir (e.g. it is under /root, mode 0700), we fall back to running as
// root with `run_as_root = true` and say so. Not root: we run as ourselves.
import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface RunAs {
  /** uid/gid for spawn; undefined means "as this process". */
  readonly uid?: number;
  readonly gid?: number;
  /** Render `run_as_root = true`. */
  readonly runAsRoot: boolean;
  readonly description: string;
}

function lookup(user: string): { uid: number; gid: number } | undefined {
  const id = (flag: string) => spawnSync('id', [flag, user], { encoding: 'utf8' });
  const u = id('-u');
  const g = id('-g');
  if (u.status !== 0 || g.status !== 0) return undefined;
  return { uid: Number(u.stdout.trim()), gid: Number(g.stdout.trim()) };
}

/** Decides the user and, as root, gives the data dir to it. */
export async function chooseRunAs(dataDir: string): Promise<RunAs> {
  if (process.getuid?.() !== 0) return { runAsRoot: false, description: 'as the current user' };
  const ids = lookup('prosody');
  if (ids) {
    await run('chown', ['-R', `${ids.uid}:${ids.gid}`, dataDir]);
    await run('chmod', ['u+rwX,g+rX', dataDir]);
    // Can the prosody user reach the dir through all its parents?
    const probe = spawnSync('test', ['-w', dataDir, '-a', '-x', dataDir], { uid: ids.uid, gid: ids.gid });
    if (probe.status === 0) return { ...ids, runAsRoot: false, description: 'as user prosody' };
  }
  return { runAsRoot: true, description: 'as root (the prosody user cannot reach the data dir)' };
}
