// Push keys and subscriptions over SQL (push/).
import type { PushStore, PushSubscription, VapidKeys } from '../types.ts';
import type { Db } from './db.ts';

type SubRow = {
  node: string;
  jid: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: string;
};
const read = (r: SubRow): PushSubscription => ({
  node: r.node,
  jid: r.jid,
  endpoint: r.endpoint,
  p256dh: r.p256dh,
  auth: r.auth,
  created: r.created_at,
});
const COLUMNS = 'node, jid, endpoint, p256dh, auth, created_at';

export function sqlPush(db: Db): PushStore {
  return {
    async vapid(fresh, at) {
      const get = () =>
        db.query<{ public_key: string; private_key: string }>(
          'SELECT public_key, private_key FROM push_vapid WHERE id = 1',
        );
      let rows = await get();
      if (!rows[0]) {
        const k: VapidKeys = fresh();
        await db.query(
          `INSERT INTO push_vapid (id, public_key, private_key, created_at) VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO NOTHING`,
          [k.publicKey, k.privateKey, at],
        );
        rows = await get();
      }
      return { publicKey: rows[0]!.public_key, privateKey: rows[0]!.private_key };
    },
    subscribe: (s) =>
      db.transaction(async (tx) => {
        await tx.query('DELETE FROM push_subscriptions WHERE jid = $1 AND endpoint = $2', [s.jid, s.endpoint]);
        await tx.query(`INSERT INTO push_subscriptions (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)`, [
          s.node,
          s.jid,
          s.endpoint,
          s.p256dh,
          s.auth,
          s.created,
        ]);
      }),
    async byNode(node) {
      const rows = await db.query<SubRow>(`SELECT ${COLUMNS} FROM push_subscriptions WHERE node = $1`, [node]);
      return rows[0] && read(rows[0]);
    },
    async byJid(jid) {
      return (
        await db.query<SubRow>(`SELECT ${COLUMNS} FROM push_subscriptions WHERE jid = $1 ORDER BY created_at, node`, [
          jid,
        ])
      ).map(read);
    },
    async remove(node) {
      return (await db.query('DELETE FROM push_subscriptions WHERE node = $1 RETURNING node', [node])).length > 0;
    },
  };
}
