// node:sqlite has one connection: a statement from another caller must not
// run inside an open transaction (it would be rolled back with it).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { openSqlite } from './sqlite.ts';

const dir = mkdtempSync(join(tmpdir(), 'bleep-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("keeps another caller's write out of a transaction that awaits and then rolls back", async () => {
  const db = openSqlite(join(dir, 'interleave.sqlite'));
  await db.exec('CREATE TABLE t (v TEXT NOT NULL)');
  let inside!: () => void;
  const begun = new Promise<void>((r) => (inside = r));
  const failing = db.transaction(async (tx) => {
    await tx.query('INSERT INTO t (v) VALUES ($1)', ['in the transaction']);
    inside();
    await new Promise((r) => setTimeout(r, 50)); // an await inside BEGIN … COMMIT
    throw new Error('roll back');
  });
  await begun;
  const outside = db.query('INSERT INTO t (v) VALUES ($1)', ['outside']);
  await expect(failing).rejects.toThrow('roll back');
  await outside;
  expect(await db.query('SELECT v FROM t')).toEqual([{ v: 'outside' }]);
  await db.close();
});
