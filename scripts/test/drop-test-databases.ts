// Global teardown of the int-pg project: drops the throwaway databases that a
// killed test process (the orphan tests kill theirs on purpose) could not drop.
// Without FORCE: a database still in use belongs to another test run on the
// same server (two checkouts testing at once), and is left to that run.
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
      await c.query(`DROP DATABASE IF EXISTS ${datname}`).catch((err: { code?: string }) => {
        if (err.code !== '55006') throw err; // object_in_use: another run's
      });
    }
  } finally {
    await c.end();
  }
}

export default function setup(): () => Promise<void> {
  return dropAll;
}
