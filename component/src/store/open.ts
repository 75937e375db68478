// Opens the store the settings ask for: SQLite in the data folder by default,
// PostgreSQL when BLEEP_STORAGE=postgres. Migrations run before it is used.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ComponentConfig } from '../config.ts';
import { sqlStore } from './sql-store.ts';
import { openPostgres } from './sql/postgres.ts';
import { openSqlite } from './sql/sqlite.ts';
import type { Store } from './types.ts';

export const SQLITE_FILE = 'component.sqlite';

export async function openStore(config: Pick<ComponentConfig, 'storage' | 'dataDir'>): Promise<Store> {
  const where =
    config.storage.kind === 'postgres' ? 'PostgreSQL (BLEEP_DATABASE_URL)' : join(config.dataDir, SQLITE_FILE);
  try {
    if (config.storage.kind === 'postgres') return await sqlStore(openPostgres(config.storage.url));
    mkdirSync(config.dataDir, { recursive: true, mode: 0o750 });
    return await sqlStore(openSqlite(join(config.dataDir, SQLITE_FILE)));
  } catch (err) {
    throw new Error(`could not open the component's store at ${where}: ${(err as Error).message}`, { cause: err });
  }
}
