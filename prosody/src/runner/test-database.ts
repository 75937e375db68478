// The integration suite runs twice: on SQLite, and with BLEEP_TEST_STORAGE=postgres
// on the local PostgreSQL (127.0.0.1:5432, trust auth). In the second run every
// testSettings() gets its own throwaway database, dropped when its Prosody stops.
import { randomBytes } from 'node:crypto';

const ADMIN_URL = process.env.BLEEP_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const made = new Map<string, string>(); // dataDir → database

export function wantsPostgres(overrides: Record<string, string>): boolean {
  return process.env.BLEEP_TEST_STORAGE === 'postgres' && overrides.BLEEP_STORAGE === undefined;
}

async function admin(sql: string): Promise<void> {
  // pg is only a test dependency: loaded when a PostgreSQL test run asks for it.
  const { default: pg } = await import('pg');
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

/** Creates a database for one test Prosody and returns the overrides that point at it. */
export async function createTestDatabase(dataDir: string): Promise<Record<string, string>> {
  // The pid says whose it is: the int-pg teardown drops only databases whose process is gone
  // (several test runs share this PostgreSQL, and each must leave the others' databases alone).
  const name = `bleep_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  made.set(dataDir, name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return { BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: url.toString() };
}

export async function dropTestDatabase(dataDir: string): Promise<void> {
  const name = made.get(dataDir);
  if (!name) return;
  made.delete(dataDir);
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
