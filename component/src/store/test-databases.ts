// For tests: throwaway PostgreSQL databases on the local server
// (127.0.0.1:5432, trust auth), and an admin connection to disturb them.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from './open.ts';
import type { Store } from './types.ts';

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
  // The pid says whose it is (scripts/test/drop-test-databases.ts drops only those of ended processes).
  const name = `${prefix}_${process.pid}_${randomBytes(5).toString('hex')}`;
  await pgAdmin(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN);
  url.pathname = `/${name}`;
  return { name, url: url.toString(), drop: () => pgAdmin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/**
 * Where an integration test keeps its store: a temporary SQLite file, or a
 * throwaway PostgreSQL database in the int-pg project (BLEEP_TEST_STORAGE).
 * `open` can be called again, as a restarted process (or a second one) would.
 */
export async function testStorage(): Promise<{
  kind: 'sqlite' | 'postgres';
  /** The PostgreSQL database's name (to disturb it), empty on SQLite. */
  name: string;
  open(): Promise<Store>;
  remove(): Promise<void>;
}> {
  if (process.env.BLEEP_TEST_STORAGE === 'postgres') {
    const db = await throwawayDatabase('bleep_test_timers');
    return {
      kind: 'postgres',
      name: db.name,
      open: () => openStore({ dataDir: '/nonexistent', storage: { kind: 'postgres', url: db.url } }),
      remove: db.drop,
    };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'bleep-store-'));
  return {
    kind: 'sqlite',
    name: '',
    open: () => openStore({ dataDir, storage: { kind: 'sqlite' } }),
    remove: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}
