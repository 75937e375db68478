// The PostgreSQL store on the local server (127.0.0.1:5432): a throwaway
// database per test, dropped afterwards.
import { afterAll, beforeEach, expect, it } from 'vitest';
import { openStore } from './open.ts';
import { throwawayDatabase } from './test-databases.ts';
import { storeContract } from './test-contract.ts';
import { migrations } from './sql/migrate.ts';

const made: (() => Promise<void>)[] = [];
let url = '';

beforeEach(async () => {
  const db = await throwawayDatabase();
  made.push(db.drop);
  url = db.url;
});
afterAll(async () => {
  for (const drop of made) await drop();
});

const open = () => openStore({ dataDir: '/nonexistent', storage: { kind: 'postgres', url } });
storeContract('postgres', open, open);

it('migrates once when two processes start on a new database together (advisory lock)', async () => {
  const stores = await Promise.all([open(), open(), open()]);
  const latest = migrations().at(-1)!.version;
  for (const s of stores) expect(await s.schemaVersion()).toBe(latest);
  await Promise.all(stores.map((s) => s.close()));
});
