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
