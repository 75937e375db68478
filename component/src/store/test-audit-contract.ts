// The admin audit log, one behaviour for every Store: filters, paging, and
// (SQL) a database that refuses to change or remove a record.
import { describe, expect, it } from 'vitest';
import type { Db } from './sql/db.ts';
import type { AuditRecord, Store } from './types.ts';

const rec = (id: string, at: string, actor: string, target: string): AuditRecord => ({
  id,
  at,
  actor,
  action: 'test-action',
  target,
  before: { n: 1 },
  after: { n: 2 },
});

// Two at the same instant (ties are ordered by id, larger first), four kinds of target, two admins.
const RECORDS = [
  rec('a1', '2026-11-20T08:00:00.000Z', 'admin@h.example', 'nurse@h.example'),
  rec('a2', '2026-11-21T08:00:00.000Z', 'chief@h.example', 'preset:code-blue'),
  rec('a3', '2026-11-22T08:00:00.000Z', 'admin@h.example', 'site'),
  rec('a4', '2026-11-22T08:00:00.000Z', 'admin@h.example', 'incident:k3v7'),
  rec('a5', '2026-11-23T08:00:00.000Z', 'chief@h.example', 'doctor@h.example'),
  rec('a6', '2026-11-24T08:00:00.000Z', 'admin@h.example', 'presets-extra'),
];

export function auditContract(name: string, open: () => Promise<Store>, raw?: () => Db): void {
  describe(`${name} audit log`, () => {
    it('lists newest first, with filters by time, actor and kind of target, a page at a time', async () => {
      const s = await open();
      for (const r of RECORDS) await s.audit.record(r);
      const ids = async (q: Parameters<Store['audit']['list']>[0]) => (await s.audit.list(q)).map((r) => r.id);
      expect(await ids({ limit: 10 })).toEqual(['a6', 'a5', 'a4', 'a3', 'a2', 'a1']);
      expect(await s.audit.list({ limit: 1, target: 'site' })).toEqual([RECORDS[2]]);
      expect(await ids({ limit: 10, actor: 'chief@h.example' })).toEqual(['a5', 'a2']);
      expect(await ids({ limit: 10, kind: 'person' })).toEqual(['a5', 'a1']);
      // 'preset' is preset:<id>, not a target that merely starts with the word.
      expect(await ids({ limit: 10, kind: 'preset' })).toEqual(['a2']);
      expect(await ids({ limit: 10, kind: 'incident' })).toEqual(['a4']);
      expect(await ids({ limit: 10, from: '2026-11-22T08:00:00.000Z', to: '2026-11-24T08:00:00.000Z' })).toEqual([
        'a5',
        'a4',
        'a3',
      ]);
      // Paging: each page starts after the last record of the one before, ties included.
      expect(await ids({ limit: 2 })).toEqual(['a6', 'a5']);
      expect(await ids({ limit: 2, before: 'a5' })).toEqual(['a4', 'a3']);
      expect(await ids({ limit: 2, before: 'a4' })).toEqual(['a3', 'a2']);
      expect(await ids({ limit: 2, before: 'a2' })).toEqual(['a1']);
      expect(await ids({ limit: 2, before: 'a5', actor: 'admin@h.example' })).toEqual(['a4', 'a3']);
      expect(await ids({ limit: 2, before: 'no-such-id' })).toEqual([]);
      await s.close();
    });

    it('tells a room (room:<room JID>, rooms/retire.ts) from a person, though both hold an @', async () => {
      const s = await open();
      await s.audit.record(RECORDS[0]!);
      await s.audit.record(
        rec('r1', '2026-11-25T08:00:00.000Z', 'admin@h.example', 'room:dept-icu@conference.h.example'),
      );
      const ids = async (kind: string) => (await s.audit.list({ limit: 10, kind })).map((r) => r.id);
      expect(await ids('room')).toEqual(['r1']);
      expect(await ids('person')).toEqual(['a1']);
      await s.close();
    });

    if (raw)
      it('refuses to change or remove a record, in the database itself', async () => {
        const s = await open();
        await s.audit.record(RECORDS[0]!);
        await s.close();
        const db = raw();
        await expect(db.query(`UPDATE audit_log SET new_value = '{}' WHERE id = 'a1'`)).rejects.toThrow(/append-only/);
        await expect(db.query(`DELETE FROM audit_log WHERE id = 'a1'`)).rejects.toThrow(/append-only/);
        if (db.kind === 'postgres') await expect(db.exec('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
        expect(await db.query('SELECT new_value FROM audit_log')).toEqual([{ new_value: '{"n":2}' }]);
        await db.close();
      });
  });
}
