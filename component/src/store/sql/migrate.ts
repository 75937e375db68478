// Numbered migrations (sql/migrations/NNNN_name.sql), applied in order, each
// in its own transaction, once. The same files serve SQLite and PostgreSQL.
// Two processes starting together migrate once: PostgreSQL takes an advisory
// lock around the whole run (Db.lock), and each migration re-reads the version
// inside its transaction (on SQLite, BEGIN IMMEDIATE already makes that safe).
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './db.ts';

const DIR = new URL('./migrations/', import.meta.url);

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export function migrations(): Migration[] {
  return readdirSync(DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => ({ version: Number(f.slice(0, 4)), name: f.slice(5, -4), sql: readFileSync(new URL(f, DIR), 'utf8') }));
}

export async function schemaVersion(db: Pick<Db, 'query'>): Promise<number> {
  const rows = await db.query<{ v: number | string | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return Number(rows[0]?.v ?? 0);
}

/** Applies what is missing; returns the versions applied now. */
export function migrate(db: Db): Promise<number[]> {
  return db.lock(async () => {
    await db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const current = await schemaVersion(db);
    const applied: number[] = [];
    for (const m of migrations().filter((m) => m.version > current)) {
      const done = await db.transaction(async (tx) => {
        if ((await schemaVersion(tx)) >= m.version) return false;
        await tx.exec(m.sql);
        await tx.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
          m.version,
          m.name,
          new Date().toISOString(),
        ]);
        return true;
      });
      if (done) applied.push(m.version);
    }
    return applied;
  });
}
