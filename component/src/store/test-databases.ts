// For tests: throwaway PostgreSQL databases on the local server
// (127.0.0.1:5432, trust auth), and an admin connection to disturb them.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const ADMIN = process.env.BLEEP_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export async function pgAdmin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** A fresh database; returns its URL and a drop function. */
export async function throwawayDatabase(
  prefix = 'bleep_test_store',
): Promise<{ name: string; url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
