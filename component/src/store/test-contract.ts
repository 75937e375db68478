// One behaviour for every Store: memory (the reference), SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import type { Store } from './types.ts';

const dana = {
  jid: 'dispatcher@h.example',
  name: 'Dana Reyes',
  roles: ['dispatcher'],
  department: 'Dispatch',
  extension: '4711',
  onDuty: false,
};
const amara = {
  jid: 'doctor1@h.example',
  name: 'Amara Okafor',
  roles: ['doctor', 'cardiology'],
  department: 'Cardiology',
  extension: '',
  onDuty: true,
};

export function storeContract(name: string, open: () => Promise<Store>, reopen?: () => Promise<Store>): void {
  describe(`${name} store`, () => {
    it('remembers who the directory placed in each department room, replaced whole', async () => {
      const s = await open();
      await s.roomMembers.setPlaced('icu@rooms', ['b@h', 'a@h', 'a@h']);
      await s.roomMembers.setPlaced('ed@rooms', ['c@h']);
      expect(await s.roomMembers.placed('icu@rooms')).toEqual(['a@h', 'b@h']);
      await s.roomMembers.setPlaced('icu@rooms', ['b@h']);
      expect(await s.roomMembers.placed('icu@rooms')).toEqual(['b@h']);
      await s.roomMembers.setPlaced('ed@rooms', []);
      expect(await s.roomMembers.rooms()).toEqual(['icu@rooms']);
      await s.close();
    });

    it('keeps each department’s room under a rename, and a taken room for its department', async () => {
      const s = await open();
      const audit = { id: 'r1', at: '2026-11-30T22:00:00.000Z', actor: 'admin@h.example', action: 'rename' };
      expect(await s.departmentRooms.claim('Ward 3', 'dept-ward-3@rooms')).toBe('dept-ward-3@rooms');
      expect(await s.departmentRooms.claim('Ward 3', 'other@rooms')).toBe('dept-ward-3@rooms');
      expect(await s.departmentRooms.claim('Ward 4', 'dept-ward-3@rooms')).toBeUndefined();
      await s.directory.upsert({ ...dana, department: 'Ward 3' });
      await s.directory.editAll([{ entry: { ...dana, department: 'Ward 3 (Cardiology)' }, audit }], {
        from: 'Ward 3',
        to: 'Ward 3 (Cardiology)',
      });
      expect(await s.departmentRooms.get('Ward 3 (Cardiology)')).toBe('dept-ward-3@rooms');
      expect(await s.departmentRooms.get('Ward 3')).toBeUndefined();
      // Merged into a department with a room of its own: each keeps its record.
      expect(await s.departmentRooms.claim('ICU', 'dept-icu@rooms')).toBe('dept-icu@rooms');
      await s.directory.editAll([{ entry: { ...dana, department: 'ICU' }, audit: { ...audit, id: 'r2' } }], {
        from: 'Ward 3 (Cardiology)',
        to: 'ICU',
      });
      expect(await s.departmentRooms.get('ICU')).toBe('dept-icu@rooms');
      expect(await s.departmentRooms.get('Ward 3 (Cardiology)')).toBe('dept-ward-3@rooms');
      // Retired (nobody works there any more), it stays the department's, ready to be used again.
      expect(await s.departmentRooms.byRoom('dept-ward-3@rooms')).toEqual({ department: 'Ward 3 (Cardiology)' });
      await s.departmentRooms.setRetired('dept-ward-3@rooms', '2026-11-30T23:00:00.000Z');
      expect(await s.departmentRooms.byRoom('dept-ward-3@rooms')).toEqual({
        department: 'Ward 3 (Cardiology)',
        retiredAt: '2026-11-30T23:00:00.000Z',
      });
      expect(await s.departmentRooms.get('Ward 3 (Cardiology)')).toBe('dept-ward-3@rooms');
      await s.departmentRooms.setRetired('dept-ward-3@rooms', null);
      expect(await s.departmentRooms.byRoom('dept-ward-3@rooms')).toEqual({ department: 'Ward 3 (Cardiology)' });
      expect(await s.departmentRooms.byRoom('nobody@rooms')).toBeUndefined();
      await s.close();
    });

    it('returns nothing for someone who is not in the directory', async () => {
      const s = await open();
      expect(await s.directory.get('nobody@h.example')).toBeUndefined();
      await s.close();
    });

    it('keeps an entry with its roles and department', async () => {
      const s = await open();
      await s.directory.upsert(amara);
      expect(await s.directory.get(amara.jid)).toEqual({ ...amara, roles: ['cardiology', 'doctor'] });
      await s.close();
    });

    it('replaces name, department and roles on a second upsert', async () => {
      const s = await open();
      await s.directory.upsert(dana);
      await s.directory.upsert({ ...dana, name: 'Dana R.', roles: ['dispatcher', 'nurse', 'nurse'], department: 'ED' });
      expect(await s.directory.get(dana.jid)).toEqual({
        ...dana,
        name: 'Dana R.',
        roles: ['dispatcher', 'nurse'],
        department: 'ED',
      });
      await s.close();
    });

    it('lists every entry by name', async () => {
      const s = await open();
      await s.directory.upsert(dana);
      await s.directory.upsert(amara);
      expect((await s.directory.list()).map((e) => e.name)).toEqual(['Amara Okafor', 'Dana Reyes']);
      await s.close();
    });

    it('removes an entry with its roles, saying what it was', async () => {
      const s = await open();
      await s.directory.upsert(dana);
      await s.directory.upsert(amara);
      expect((await s.directory.remove(dana.jid))?.name).toBe('Dana Reyes');
      expect(await s.directory.get(dana.jid)).toBeUndefined();
      expect((await s.directory.list()).map((e) => e.name)).toEqual(['Amara Okafor']);
      for (const role of dana.roles) expect(await s.directory.roleHeld(role)).toBe(amara.roles.includes(role));
      expect(await s.directory.remove(dana.jid)).toBeUndefined();
      await s.close();
    });

    it('stores quotes and markup as data, not SQL', async () => {
      const s = await open();
      const odd = {
        jid: "o'brien@h.example",
        name: "Sean O'Brien'); DROP TABLE directory;--",
        roles: [],
        department: '<b>x</b>',
        extension: "1' OR '1'='1",
        onDuty: false,
      };
      await s.directory.upsert(odd);
      expect(await s.directory.get(odd.jid)).toEqual(odd);
      expect((await s.directory.list()).length).toBeGreaterThan(0);
      await s.close();
    });

    it('sets duty on an entry and says when there is none', async () => {
      const s = await open();
      await s.directory.upsert(dana);
      expect((await s.directory.setDuty(dana.jid, true))?.onDuty).toBe(true);
      expect((await s.directory.get(dana.jid))?.onDuty).toBe(true);
      expect(await s.directory.setDuty('nobody@h.example', true)).toBeUndefined();
      await s.close();
    });

    it('keeps role deliveries as an audit record, newest first', async () => {
      const s = await open();
      const d = (id: string, at: string) => ({
        id,
        role: 'anaesthesia',
        sender: dana.jid,
        reached: [{ jid: amara.jid, name: amara.name }],
        at,
      });
      await s.deliveries.record(d('a', '2026-11-24T10:00:00.000Z'));
      await s.deliveries.record(d('b', '2026-11-24T11:00:00.000Z'));
      await s.deliveries.record({ ...d('c', '2026-11-24T12:00:00.000Z'), sender: 'other@h.example' });
      expect(await s.deliveries.bySender(dana.jid, 10)).toEqual([
        d('b', '2026-11-24T11:00:00.000Z'),
        d('a', '2026-11-24T10:00:00.000Z'),
      ]);
      expect(await s.deliveries.bySender(dana.jid, 1)).toHaveLength(1);
      expect(await s.deliveries.get('a')).toEqual(d('a', '2026-11-24T10:00:00.000Z'));
      expect(await s.deliveries.get('zzz')).toBeUndefined();
      // Recorded, then marked sent once handed to Prosody (issue #14: a restart in between is redelivered).
      await s.deliveries.sent('a', '2026-11-24T10:00:01.000Z');
      expect(await s.deliveries.get('a')).toEqual({
        ...d('a', '2026-11-24T10:00:00.000Z'),
        sentAt: '2026-11-24T10:00:01.000Z',
      });
      expect((await s.deliveries.bySender(dana.jid, 10)).at(-1)).toEqual(d('a', '2026-11-24T10:00:00.000Z'));
      // Issue #11: one the sender's client sends (role-resolve) is marked so; withdrawn, it reached nobody, and says when.
      await s.deliveries.record(d('e', '2026-11-24T13:00:00.000Z'), true);
      expect(await s.deliveries.get('e')).toEqual({ ...d('e', '2026-11-24T13:00:00.000Z'), byClient: true });
      await s.deliveries.withdraw('e', '2026-11-24T13:00:05.000Z');
      expect(await s.deliveries.get('e')).toEqual({
        ...d('e', '2026-11-24T13:00:00.000Z'),
        reached: [],
        byClient: true,
        withdrawnAt: '2026-11-24T13:00:05.000Z',
      });
      // Everyone's for the audit, newest first, a page at a time after a record; two at one time by id.
      await s.deliveries.record(d('d', '2026-11-24T12:00:00.000Z'));
      const ids = async (q: { limit: number; before?: string }) => (await s.deliveries.list(q)).map((x) => x.id);
      expect(await ids({ limit: 10 })).toEqual(['e', 'd', 'c', 'b', 'a']);
      expect(await ids({ limit: 2, before: 'e' })).toEqual(['d', 'c']);
      expect(await ids({ limit: 2, before: 'c' })).toEqual(['b', 'a']);
      expect(await ids({ limit: 2, before: 'a' })).toEqual([]);
      expect(await ids({ limit: 2, before: 'nope' })).toEqual([]);
      expect((await s.deliveries.list({ limit: 1 }))[0]).toMatchObject({
        reached: [],
        withdrawnAt: expect.any(String),
      });
      await s.close();
    });

    it('finds the on-duty holders of a role, and whether anyone holds it', async () => {
      const s = await open();
      await s.directory.upsert(dana);
      await s.directory.upsert(amara);
      await s.directory.upsert({ ...amara, jid: 'doctor2@h.example', name: 'Ben Cole', onDuty: false });
      expect((await s.directory.onDutyWithRole('doctor')).map((e) => e.jid)).toEqual([amara.jid]);
      expect(await s.directory.onDutyWithRole('dispatcher')).toEqual([]);
      expect(await s.directory.roleHeld('dispatcher')).toBe(true);
      expect(await s.directory.roleHeld('surgeon')).toBe(false);
      await s.close();
    });

    it("keeps an admin's edit with an audit record of before and after, newest first", async () => {
      const s = await open();
      const meta = (id: string, at: string) => ({ id, at, actor: 'admin@h.example', action: 'directory-edit' });
      const { onDuty: _, ...fields } = dana;
      const first = await s.directory.edit({ ...fields, extension: '1' }, meta('e1', '2026-11-24T10:00:00.000Z'));
      expect(first.before).toBeUndefined();
      expect(first.after).toEqual({ ...dana, extension: '1' });
      await s.directory.setDuty(dana.jid, true);
      const second = await s.directory.edit(
        { ...fields, roles: ['nurse', 'dispatcher'], extension: '2' },
        meta('e2', '2026-11-24T11:00:00.000Z'),
      );
      expect(second.before).toEqual({ ...dana, extension: '1', onDuty: true });
      expect(second.after).toEqual({ ...dana, roles: ['dispatcher', 'nurse'], extension: '2', onDuty: true });
      expect(await s.directory.get(dana.jid)).toEqual(second.after);
      await s.directory.edit({ ...fields, jid: amara.jid }, meta('e3', '2026-11-24T12:00:00.000Z'));
      const records = await s.audit.list({ target: dana.jid, limit: 10 });
      expect(records).toEqual([
        { ...meta('e2', '2026-11-24T11:00:00.000Z'), target: dana.jid, before: second.before, after: second.after },
        { ...meta('e1', '2026-11-24T10:00:00.000Z'), target: dana.jid, before: null, after: first.after },
      ]);
      expect((await s.audit.list({ limit: 1 })).map((r) => r.id)).toEqual(['e3']);
      await s.close();
    });

    it('keeps several edits as one (editAll): each entry with its own audit record', async () => {
      const s = await open();
      const meta = (id: string) => ({ id, at: '2026-11-24T10:00:00.000Z', actor: 'admin@h.example', action: 'rename' });
      await s.directory.upsert({ ...dana, onDuty: true });
      const { onDuty: _, ...fields } = dana;
      const done = await s.directory.editAll([
        { entry: { ...fields, department: 'Dispatch Centre' }, audit: meta('r1') },
        { entry: { ...fields, jid: amara.jid, department: 'Dispatch Centre' }, audit: meta('r2') },
      ]);
      expect(done.map((d) => [d.before?.department, d.after.department, d.after.onDuty])).toEqual([
        [dana.department, 'Dispatch Centre', true],
        [undefined, 'Dispatch Centre', false],
      ]);
      expect((await s.audit.list({ limit: 5 })).map((r) => [r.id, r.target]).sort()).toEqual([
        ['r1', dana.jid],
        ['r2', amara.jid],
      ]);
      await s.close();
    });

    if (reopen)
      it('keeps data and applies each migration once across restarts', async () => {
        const s = await open();
        await s.directory.upsert(dana);
        const version = await s.schemaVersion();
        expect(version).toBeGreaterThanOrEqual(1);
        await s.close();
        const again = await reopen();
        expect(await again.schemaVersion()).toBe(version);
        expect(await again.directory.get(dana.jid)).toEqual(dana);
        await again.close();
      });
  });
}
