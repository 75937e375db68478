// The PostgreSQL store on the local server (127.0.0.1:5432): a throwaway
// database per test, dropped afterwards.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from './open.ts';
import { pgAdmin, throwawayDatabase } from './test-databases.ts';
import { openPostgres } from './sql/postgres.ts';
import { auditContract } from './test-audit-contract.ts';
import { alarmsContract } from './test-alarms-contract.ts';
import { pushContract } from './test-push-contract.ts';
import { responsesContract } from './test-responses-contract.ts';
import { requestsRoomUpgrade } from './test-requests-room-contract.ts';
import { storeContract } from './test-contract.ts';
import { timersContract } from './test-timers-contract.ts';
import { migrations } from './sql/migrate.ts';

let drop: (() => Promise<void>) | undefined;
let url = '';
let name = '';

beforeEach(async () => {
  const db = await throwawayDatabase();
  drop = db.drop;
  url = db.url;
  name = db.name;
});
// Each test's database is dropped after it, not all at the end: 35 drops in one afterAll took over its 60 s on
// a loaded machine (the clean-clone CI of 2e65255, at load 15).
afterEach(async () => {
  await drop?.();
  drop = undefined;
});

const open = () => openStore({ dataDir: '/nonexistent', storage: { kind: 'postgres', url } });
storeContract('postgres', open, open);
alarmsContract('postgres', open);
auditContract('postgres', open, () => openPostgres(url));
pushContract('postgres', open);
timersContract('postgres', open);
responsesContract('postgres', open, open);
requestsRoomUpgrade('postgres', () => openPostgres(url), open);

it('migrates once when two processes start on a new database together (advisory lock)', async () => {
  const stores = await Promise.all([open(), open(), open()]);
  const latest = migrations('postgres').at(-1)!.version;
  for (const s of stores) expect(await s.schemaVersion()).toBe(latest);
  await Promise.all(stores.map((s) => s.close()));
});

it('survives losing the connection in the middle of a transaction (a database restart): that one fails, the next works', async () => {
  const db = openPostgres(url);
  const failed = db.transaction(async (tx) => {
    await tx.query('SELECT 1');
    await pgAdmin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${name}'`);
    await new Promise((r) => setTimeout(r, 200)); // the client learns it lost the connection while it is checked out
    await tx.query('SELECT 1');
  });
  await expect(failed).rejects.toThrow();
  expect(await db.query('SELECT 2 AS two')).toEqual([{ two: 2 }]);
  await db.close();
});
