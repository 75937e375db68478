// Settings.storage → Prosody's `sql` option (mod_storage_sql).
// https://prosody.im/doc/modules/mod_storage_sql
import { join } from 'node:path';
import type { Settings } from './settings/types.ts';

export interface SqlConfig {
  readonly driver: 'SQLite3' | 'PostgreSQL';
  readonly database: string;
  readonly host?: string;
  readonly port?: number;
  readonly username?: string;
  readonly password?: string;
}

export const SQLITE_FILE = 'prosody.sqlite';

/** Parses postgres://user:pass@host:port/db; returns a reason instead of throwing. */
export function parsePostgresUrl(url: string): { ok: true; sql: SqlConfig } | { ok: false; reason: string } {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'is not a URL' };
  }
  if (u.protocol !== 'postgres:' && u.protocol !== 'postgresql:')
    return { ok: false, reason: `must start with postgres://, not ${u.protocol}//` };
  if (!u.hostname) return { ok: false, reason: 'has no host' };
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database || database.includes('/'))
    return { ok: false, reason: 'must name one database, e.g. postgres://prosody:secret@127.0.0.1:5432/prosody' };
  const sql: SqlConfig = {
    driver: 'PostgreSQL',
    database,
    host: u.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: u.port ? Number(u.port) : 5432,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
  };
  return { ok: true, sql };
}

export function sqlConfig(s: Settings): SqlConfig {
  if (s.storage.kind === 'sqlite') return { driver: 'SQLite3', database: join(s.dataDir, SQLITE_FILE) };
  const parsed = parsePostgresUrl(s.storage.url);
  if (!parsed.ok) throw new Error(`BLEEP_DATABASE_URL ${parsed.reason}`);
  return parsed.sql;
}
