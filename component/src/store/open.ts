// Opens the store the settings ask for: SQLite in the data folder by default,
// PostgreSQL when BLEEP_STORAGE=postgres. Migrations run before it is used.
import { join } from 'node:path';
import type { ComponentConfig } from '../config.ts';
import { sqlStore } from './sql-store.ts';
import { openPostgres } from './sql/postgres.ts';
import { openSqlite } from './sql/sqlite.ts';
import type { Store } from './types.ts';

export const SQLITE_FILE = 'component.sqlite';

export function openStore(config: Pick<ComponentConfig, 'storage' | 'dataDir'>): Promise<Store> {
  const db =
    config.storage.kind === 'postgres'
      ? openPostgres(config.storage.url)
      : openSqlite(join(config.dataDir, SQLITE_FILE));
  return sqlStore(db);
}
