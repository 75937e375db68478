// A department renamed for everyone at once is all or none: when saving one
// entry fails, nobody's department changed, no audit record was written, and
// nothing was told to the rooms or the live lists (SQLite store, real file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openSqlite } from '../store/sql/sqlite.ts';
import { sqlStore } from '../store/sql-store.ts';
import { DirectoryChanges, type DirectoryChange } from './changes.ts';
import { editEach } from './edit-each.ts';

const dir = mkdtempSync(join(tmpdir(), 'bleep-edit-each-'));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('renames a department in one transaction: a failure part-way changes nobody', async () => {
  const db = openSqlite(join(dir, 'store.sqlite'));
  const store = await sqlStore(db);
  const person = (jid: string, name: string) => ({
    jid,
    name,
    roles: ['nurse'],
    department: 'Emergency',
    extension: '',
    onDuty: false,
  });
  await store.directory.upsert(person('a@x', 'Ada'));
  await store.directory.upsert(person('b@x', 'Ben'));
  // The second save fails, as a dropped connection or a full disk would.
  await db.exec(`CREATE TRIGGER fail_b BEFORE UPDATE ON directory WHEN NEW.jid = 'b@x'
    BEGIN SELECT RAISE(ABORT, 'disk full'); END`);
  const told: DirectoryChange[] = [];
  const changes = new DirectoryChanges(() => {}).on((c) => void told.push(c));

  const staff = await store.directory.list();
  const rename = editEach(store.directory, changes, staff, (e) => ({ ...e, department: 'Emergency Medicine' }), {
    actor: 'admin@x',
    action: 'directory-rename-department',
  });
  await expect(rename).rejects.toThrow(/disk full/);
  expect((await store.directory.list()).map((e) => e.department)).toEqual(['Emergency', 'Emergency']);
  expect(await store.audit.list({ limit: 5 })).toEqual([]);
  expect(told).toEqual([]);
  await store.close();
});
