// node:sqlite (built in, no native addon) behind the Db interface.
import { DatabaseSync } from 'node:sqlite';
import type { Db, Row } from './db.ts';

const positional = (sql: string) => sql.replace(/\$(\d+)/g, '?$1');

export function openSqlite(path: string): Db {
  const db = new DatabaseSync(path);
  // One transaction at a time: node:sqlite has one connection, and an awaited
  // callback must not let a second BEGIN in.
  let queue: Promise<unknown> = Promise.resolve();
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  const self: Db = {
    kind: 'sqlite',
    async exec(sql) {
      db.exec(sql);
    },
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      const stmt = db.prepare(positional(sql));
      return stmt.all(...(params as never[])) as R[];
    },
    transaction(fn) {
      const run = async () => {
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(self);
          db.exec('COMMIT');
          return out;
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      };
      const result = queue.then(run, run);
      queue = result.catch(() => {});
      return result;
    },
    async close() {
      db.close();
    },
  };
  return self;
}
