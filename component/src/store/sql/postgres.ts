// PostgreSQL (pg) behind the Db interface.
import pg from 'pg';
import type { Db, Row } from './db.ts';

type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

function over(q: Queryable, transaction: Db['transaction'], close: Db['close']): Db {
  return {
    kind: 'postgres',
    async exec(sql) {
      await q.query(sql);
    },
    async query<R extends Row>(sql: string, params: readonly unknown[] = []) {
      return (await q.query(sql, params as unknown[])).rows as R[];
    },
    transaction,
    close,
  };
}

export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  // An idle client losing its connection must not crash the component; the next query reconnects.
  pool.on('error', () => {});
  const transaction: Db['transaction'] = async (fn) => {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const inner = over(
        client,
        () => Promise.reject(new Error('nested transaction')),
        async () => {},
      );
      const out = await fn(inner);
      await client.query('COMMIT');
      return out;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    } finally {
      client.release();
    }
  };
  return over(pool, transaction, () => pool.end());
}
