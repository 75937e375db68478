// The SQLite store on a real file (node:sqlite), fresh per test.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach } from 'vitest';
import { openStore, SQLITE_FILE } from './open.ts';
import { openSqlite } from './sql/sqlite.ts';
import { auditContract } from './test-audit-contract.ts';
import { alarmsContract } from './test-alarms-contract.ts';
import { pushContract } from './test-push-contract.ts';
import { responsesContract } from './test-responses-contract.ts';
import { requestsRoomUpgrade } from './test-requests-room-contract.ts';
import { storeContract } from './test-contract.ts';
import { timersContract } from './test-timers-contract.ts';

const root = mkdtempSync(join(tmpdir(), 'bleep-store-'));
let dir = '';
let n = 0;
beforeEach(() => {
  dir = join(root, String(n++));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const open = () => {
  mkdirSync(dir, { recursive: true });
  return openStore({ dataDir: dir, storage: { kind: 'sqlite' } });
};
storeContract('sqlite', open, () => openStore({ dataDir: dir, storage: { kind: 'sqlite' } }));
alarmsContract('sqlite', open);
auditContract('sqlite', open, () => openSqlite(join(dir, SQLITE_FILE)));
pushContract('sqlite', open);
timersContract('sqlite', open);
// One process holds one SQLite connection (node:sqlite is synchronous: a second one in the same thread would wait on
// the first while blocking it); across processes BEGIN IMMEDIATE serialises the writers.
responsesContract('sqlite', open);
requestsRoomUpgrade(
  'sqlite',
  () => {
    mkdirSync(dir, { recursive: true });
    return openSqlite(join(dir, SQLITE_FILE));
  },
  open,
);
