// Prosody on PostgreSQL (the production storage): a throwaway database on the
// local server (127.0.0.1:5432, trust auth), dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './index.ts';
import { login, type Client } from './test-client.ts';

const ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';
const database = `bleep_prosody_${randomBytes(6).toString('hex')}`;
const alice = { user: 'alice', password: 'alice-password-1' };
let prosody: RunningProsody | undefined;
let client: Client | undefined;

async function admin(sql: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: ADMIN_URL });
  await c.connect();
  try {
    return await c.query(sql);
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  await admin(`CREATE DATABASE ${database}`);
  prosody = await startTestProsody({
    overrides: { BLEEP_STORAGE: 'postgres', BLEEP_DATABASE_URL: `postgres://postgres@127.0.0.1:5432/${database}` },
    accounts: [alice],
  });
});

afterAll(async () => {
  await client?.stop();
  await prosody?.stop();
  await admin(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
});

it('keeps accounts in PostgreSQL and logs them in', async () => {
  client = await login(prosody!.settings, alice);
  expect(String(client.jid)).toMatch(/^alice@bleep\.localhost\//);
  const c = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:5432/${database}` });
  await c.connect();
  try {
    const rows = await c.query(`SELECT "user" FROM prosody WHERE host = 'bleep.localhost' AND store = 'accounts'`);
    expect(rows.rows.map((r: { user: string }) => r.user)).toContain('alice');
  } finally {
    await c.end();
  }
});
