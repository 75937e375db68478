// One behaviour for every store of push keys and subscriptions (issue #12):
// memory, SQLite and PostgreSQL.
import { describe, expect, it } from 'vitest';
import type { Store } from './types.ts';

export function pushContract(name: string, open: () => Promise<Store>): void {
  describe(`${name} store: push`, () => {
    it('makes the VAPID key pair once and keeps it: a second start gets the first pair', async () => {
      const s = await open();
      const first = await s.push.vapid(() => ({ publicKey: 'pub-1', privateKey: 'priv-1' }), '2026-11-30T08:00:00Z');
      const again = await s.push.vapid(() => ({ publicKey: 'pub-2', privateKey: 'priv-2' }), '2026-11-30T09:00:00Z');
      expect(first).toEqual({ publicKey: 'pub-1', privateKey: 'priv-1' });
      expect(again).toEqual(first);
      await s.close();
    });

    it('files push subscriptions by node; the same endpoint again replaces the old node; removed ones are gone', async () => {
      const s = await open();
      const sub = (node: string, jid: string, endpoint: string) => ({
        node,
        jid,
        endpoint,
        p256dh: `key-${node}`,
        auth: `auth-${node}`,
        created: `2026-11-30T08:00:0${node.length}Z`,
      });
      await s.push.subscribe(sub('a', 'doctor1@h.example', 'https://push.example/1'));
      await s.push.subscribe(sub('bb', 'doctor1@h.example', 'https://push.example/2'));
      await s.push.subscribe(sub('ccc', 'dispatcher@h.example', 'https://push.example/1'));
      expect(await s.push.byNode('a')).toEqual(sub('a', 'doctor1@h.example', 'https://push.example/1'));
      expect((await s.push.byJid('doctor1@h.example')).map((x) => x.node)).toEqual(['a', 'bb']);
      // The browser subscribed again (same endpoint): one subscription, under the new node.
      await s.push.subscribe(sub('dddd', 'doctor1@h.example', 'https://push.example/1'));
      expect(await s.push.byNode('a')).toBeUndefined();
      expect((await s.push.byJid('doctor1@h.example')).map((x) => x.node)).toEqual(['bb', 'dddd']);
      expect(await s.push.remove('bb')).toBe(true);
      expect(await s.push.remove('bb')).toBe(false);
      expect((await s.push.byJid('doctor1@h.example')).map((x) => x.node)).toEqual(['dddd']);
      expect((await s.push.byJid('dispatcher@h.example')).map((x) => x.node)).toEqual(['ccc']);
      await s.close();
    });
  });
}
