// Global teardown of the int-pg project: drops the throwaway databases that a
// killed test process (the orphan tests kill theirs on purpose) could not drop.
// Only those: other test runs on the same machine share this PostgreSQL, and
// dropping their databases WITH (FORCE) broke them mid-test. A database's name
// carries the pid of the process that made it (bleep_test_[<what>_]<pid>_<hex>);
// one whose process has ended is dropped, one whose process is alive is left
// alone. A name without a pid (made before names had one) is dropped without
// FORCE: one still in use belongs to another run, and is left to it.
import pg from 'pg';

const ADMIN_URL = process.env.BLEEP_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function dropAll(): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    const { rows } = await c.query<{ datname: string }>(
      "SELECT datname FROM pg_database WHERE datname LIKE 'bleep\\_test\\_%'",
    );
    for (const { datname } of rows) {
      const owner = ownerAlive(datname);
      if (owner === true) continue;
      const force = owner === false ? ' WITH (FORCE)' : '';
      await c.query(`DROP DATABASE IF EXISTS ${datname}${force}`).catch((err: { code?: string }) => {
        if (err.code !== '55006') throw err; // object_in_use: another run's
      });
    }
  } finally {
    await c.end();
  }
}

/** Whether the process that made the database is alive; undefined when its name carries no pid. */
function ownerAlive(datname: string): boolean | undefined {
  const pid = /^bleep_test_(?:[a-z]+_)?(\d+)_[0-9a-f]+$/.exec(datname)?.[1];
  if (!pid) return undefined;
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}

export default function setup(): () => Promise<void> {
  return dropAll;
}
