// Numbered migrations (sql/migrations/NNNN_name.sql), applied in order, each
// in its own transaction, once. The same files serve SQLite and PostgreSQL,
// but for the few whose SQL must differ (see migrations()).
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

const FILE = /^(\d{4})_([a-z0-9_]+?)(?:\.(sqlite|postgres))?\.sql$/;

/**
 * The migrations for one database. A migration is one file for both, or (where
 * their SQL differs, as triggers do) a pair `NNNN_name.sqlite.sql` and
 * `NNNN_name.postgres.sql` of the same number.
 */
export function migrations(kind: Db['kind']): Migration[] {
  return readdirSync(DIR)
    .map((f) => ({ f, m: FILE.exec(f) }))
    .filter(({ m }) => m && (!m[3] || m[3] === kind))
    .sort((a, b) => a.f.localeCompare(b.f))
    .map(({ f, m }) => ({ version: Number(m![1]), name: m![2]!, sql: readFileSync(new URL(f, DIR), 'utf8') }));
}

export async function schemaVersion(db: Pick<Db, 'query'>): Promise<number> {
  const rows = await db.query<{ v: number | string | null }>('SELECT MAX(version) AS v FROM schema_migrations');
  return Number(rows[0]?.v ?? 0);
}

/** Applies what is missing (up to `upTo`: a test's database of an older release); returns the versions applied now. */
export function migrate(db: Db, upTo = Infinity): Promise<number[]> {
  return db.lock(async () => {
    await db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
    );
    const current = await schemaVersion(db);
    const applied: number[] = [];
    for (const m of migrations(db.kind).filter((m) => m.version > current && m.version <= upTo)) {
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
