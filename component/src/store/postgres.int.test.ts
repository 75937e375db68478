// The PostgreSQL store on the local server (127.0.0.1:5432): a throwaway
// database per test, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeEach } from 'vitest';
import { openStore } from './open.ts';
import { storeContract } from './test-contract.ts';

const ADMIN = 'postgres://postgres@127.0.0.1:5432/postgres';
const made: string[] = [];
let url = '';

async function admin(sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: ADMIN });
  await c.connect();
  try {
    await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeEach(async () => {
  const name = `bleep_test_store_${randomBytes(5).toString('hex')}`;
  await admin(`CREATE DATABASE ${name}`);
  made.push(name);
  url = `postgres://postgres@127.0.0.1:5432/${name}`;
});
afterAll(async () => {
  for (const name of made) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

const open = () => openStore({ dataDir: '/nonexistent', storage: { kind: 'postgres', url } });
storeContract('postgres', open, open);
