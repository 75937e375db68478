// node:sqlite (built in, no native addon) behind the Db interface.
import { DatabaseSync } from 'node:sqlite';
import type { Db, Row } from './db.ts';

const positional = (sql: string) => sql.replace(/\$(\d+)/g, '?$1');

export function openSqlite(path: string): Db {
  const db = new DatabaseSync(path);
  db.exec('PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;');
  // node:sqlite has one connection. Every statement goes through one queue,
  // so a statement from another caller cannot run between a transaction's
  // BEGIN and COMMIT (it would join that transaction, and vanish with its
  // ROLLBACK). Inside a transaction, fn gets `direct`, which is not queued.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => T | Promise<T>): Promise<T> => {
    const result = queue.then(job, job);
    queue = result.catch(() => {});
    return result;
  };
  const direct: Db = {
    kind: 'sqlite',
    async exec(sql) {
      db.exec(sql);
    },
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return db.prepare(positional(sql)).all(...(params as never[])) as R[];
    },
    transaction: () => Promise.reject(new Error('nested transaction')),
    lock: (fn) => fn(),
    async close() {},
  };
  return {
    kind: 'sqlite',
    exec: (sql) => serial(() => direct.exec(sql)),
    query: (sql, params) => serial(() => direct.query(sql, params)),
    transaction: (fn) =>
      serial(async () => {
        // IMMEDIATE takes the write lock at once: another process on the same file waits (busy_timeout).
        db.exec('BEGIN IMMEDIATE');
        try {
          const out = await fn(direct);
          db.exec('COMMIT');
          return out;
        } catch (err) {
          db.exec('ROLLBACK');
          throw err;
        }
      }),
    // Migrations re-read the version inside each BEGIN IMMEDIATE transaction, which already serialises processes.
    lock: (fn) => fn(),
    close: () => serial(() => db.close()),
  };
}
