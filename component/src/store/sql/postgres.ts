// PostgreSQL (pg) behind the Db interface.
import pg from 'pg';
import type { Db, Row } from './db.ts';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

// Any fixed 64-bit number works; this one is Bleep's, so two component processes starting together migrate once.
const MIGRATION_LOCK = 4_283_711_902;

function over(q: Queryable, parts: Pick<Db, 'transaction' | 'lock' | 'close'>): Db {
  return {
    kind: 'postgres',
    async exec(sql) {
      await q.query(sql);
    },
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await q.query(sql, params as unknown[])).rows as R[];
    },
    ...parts,
  };
}

export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client losing its connection must not crash the component; the next query reconnects.
  pool.on('error', () => {});
  // A checked-out client has no error listener of pg's own: a connection lost while it is out (a database
  // restart) would be an uncaught exception that ends the process. Each checkout listens, and a client that
  // broke is destroyed on release instead of going back to the pool.
  const checkout = async () => {
    const client = await pool.connect();
    let broken: Error | undefined;
    const onError = (err: Error) => void (broken = err);
    client.on('error', onError);
    return {
      client,
      release(keepOut?: Error) {
        client.off('error', onError);
        client.release(broken ?? keepOut);
      },
    };
  };
  const transaction: Db['transaction'] = async (fn) => {
    const { client, release } = await checkout();
    try {
      await client.query('BEGIN');
      const inner = over(client, {
        transaction: () => Promise.reject(new Error('nested transaction')),
        lock: (f) => f(),
        close: async () => {},
      });
      const out = await fn(inner);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      release();
    }
  };
  // A session-level advisory lock on a client of its own, held while fn runs on the pool.
  const lock: Db['lock'] = async (fn) => {
    const { client, release } = await checkout();
    let held = true;
    try {
      await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      try {
        return await fn();
      } finally {
        held = !(await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).then(
          () => true,
          () => false,
        ));
      }
    } finally {
      // A client that may still hold the lock is closed, not pooled: closing the session frees the lock.
      release(held ? new Error('advisory lock not released') : undefined);
    }
  };
  return over(pool, { transaction, lock, close: () => pool.end() });
}
