// One behaviour for every store of persisted timers (scheduler/): memory,
// SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import type { Store } from './types.ts';

export function timersContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store: timers`, () => {
    it('keeps timers: once per key, claimed by one owner at a time, cancelled or fired once', async () => {
      const s = await open();
      const t = (key: string, dueAt: number) => ({ id: `id-${key}`, kind: 'test', key, dueAt, payload: { key } });
      expect(await s.timers.nextWake()).toBeUndefined();
      expect(await s.timers.schedule(t('a', 1000))).toBe(true);
      expect(await s.timers.schedule({ ...t('a', 5), id: 'other' })).toBe(false);
      expect(await s.timers.schedule(t('b', 2000))).toBe(true);
      expect(await s.timers.schedule(t('c', 3000))).toBe(true);
      expect(await s.timers.nextWake()).toBe(1000);
      expect(await s.timers.claim(999, 'p1', 10_000, 10)).toEqual([]);
      const claimed = await s.timers.claim(2500, 'p1', 10_000, 10);
      expect(claimed.map((c) => [c.key, c.attempts, c.payload])).toEqual([
        ['a', 1, { key: 'a' }],
        ['b', 1, { key: 'b' }],
      ]);
      expect(await s.timers.claim(2500, 'p2', 10_000, 10)).toEqual([]); // leased to p1
      expect(await s.timers.nextWake()).toBe(3000);
      expect(await s.timers.fired('id-a', 'p2', 2600)).toBe(false);
      expect(await s.timers.fired('id-a', 'p1', 2600)).toBe(true);
      expect(await s.timers.fired('id-a', 'p1', 2600)).toBe(false);
      expect(await s.timers.get('a')).toMatchObject({ key: 'a', firedAt: 2600 });
      expect(await s.timers.schedule(t('a', 9000))).toBe(false); // fired keys stay taken
      expect(await s.timers.cancel('a')).toBe(false);
      await s.timers.retry('id-b', 'p1', 4000);
      expect(await s.timers.cancel('c')).toBe(true);
      expect(await s.timers.get('c')).toBeUndefined();
      expect(await s.timers.nextWake()).toBe(4000);
      expect(await s.timers.claim(3999, 'p2', 20_000, 10)).toEqual([]);
      expect((await s.timers.claim(4000, 'p2', 20_000, 10)).map((c) => [c.key, c.attempts])).toEqual([['b', 2]]);
      // A lease that ran out (its process died) lets another claim it.
      expect((await s.timers.claim(20_000, 'p3', 30_000, 10)).map((c) => c.key)).toEqual(['b']);
      expect(await s.timers.fired('id-b', 'p2', 20_001)).toBe(false);
      expect(await s.timers.fired('id-b', 'p3', 20_001)).toBe(true);
      expect(await s.timers.nextWake()).toBeUndefined();
      await s.close();
    });

    it('sweeps timers that fired before a time; pending and later-fired ones stay', async () => {
      const s = await open();
      const t = (key: string, dueAt: number) => ({ id: `id-${key}`, kind: 'test', key, dueAt, payload: null });
      for (const [key, due] of [
        ['old', 100],
        ['recent', 200],
        ['pending', 300],
        ['later', 99_999],
      ] as const)
        await s.timers.schedule(t(key, due));
      await s.timers.claim(300, 'p1', 10_000, 10); // pending is claimed (its handler running) and never marked fired
      expect(await s.timers.fired('id-old', 'p1', 1000)).toBe(true);
      expect(await s.timers.fired('id-recent', 'p1', 5000)).toBe(true);
      expect(await s.timers.sweep(5000)).toBe(1);
      expect(await s.timers.get('old')).toBeUndefined();
      expect(await s.timers.get('recent')).toMatchObject({ firedAt: 5000 });
      expect(await s.timers.get('pending')).toMatchObject({ key: 'pending' });
      expect(await s.timers.get('later')).toMatchObject({ key: 'later' });
      expect(await s.timers.sweep(5000)).toBe(0);
      // A swept key is free again.
      expect(await s.timers.schedule(t('old', 6000))).toBe(true);
      await s.close();
    });
  });
}
