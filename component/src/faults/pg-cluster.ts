// A throwaway PostgreSQL server for tests that restart it: the machine's
// shared server (127.0.0.1:5432) carries other test runs and is never
// restarted. initdb and pg_ctl from Debian's package, run as the postgres
// user when the test runs as root (PostgreSQL refuses to run as root), on a
// free loopback port, with trust authentication on loopback only.
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePorts } from '@bleep/prosody-config/runner';

export interface PgCluster {
  /** A postgres:// URL of a database made for the test. */
  readonly url: string;
  /** Asynchronous: the component in this same process keeps running meanwhile. */
  restart(): Promise<void>;
  stop(): void;
}

function pgBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(b) - Number(a));
  if (!versions.length) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

export async function startPgCluster(): Promise<PgCluster> {
  const bin = pgBin();
  const dir = mkdtempSync(join(tmpdir(), 'bleep-pg-'));
  const [port] = await freePorts(1);
  const asRoot = userInfo().uid === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  // runuser, not su: no PAM session, no login shell; the arguments are passed as they are.
  const run = (cmd: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args, { stdio: 'pipe' });
  const data = join(dir, 'data');
  run(`${bin}/initdb`, ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const opts = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const ctl = (...args: string[]) => run(`${bin}/pg_ctl`, ['-D', data, '-w', '-t', '30', ...args]);
  ctl('-o', opts, '-l', join(dir, 'log'), 'start');
  run(`${bin}/createdb`, ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', 'bleep']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/bleep`,
    async restart() {
      const args = ['-D', data, '-w', '-t', '30', '-m', 'fast', '-o', opts, '-l', join(dir, 'log'), 'restart'];
      const cmd = `${bin}/pg_ctl`;
      await promisify(execFile)(asRoot ? 'runuser' : cmd, asRoot ? ['-u', 'postgres', '--', cmd, ...args] : args);
    },
    stop() {
      try {
        ctl('-m', 'immediate', 'stop');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
