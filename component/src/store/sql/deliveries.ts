// Role deliveries over SQL: whom each message to a role reached (an audit record).
import type { DeliveryStore, RoleDelivery, StoredDelivery } from '../types.ts';
import type { Db } from './db.ts';

interface DeliveryRow extends Record<string, unknown> {
  id: string;
  sender: string;
  role: string;
  reached: string;
  at: string;
  sent_at?: string | null;
  by_client?: number | null;
  withdrawn_at?: string | null;
}

const toDelivery = (r: DeliveryRow): StoredDelivery => ({
  id: r.id,
  sender: r.sender,
  role: r.role,
  at: r.at,
  reached: JSON.parse(r.reached) as RoleDelivery['reached'],
  ...(r.sent_at ? { sentAt: r.sent_at } : {}),
  ...(r.by_client ? { byClient: true as const } : {}),
  ...(r.withdrawn_at ? { withdrawnAt: r.withdrawn_at } : {}),
});

const COLUMNS = 'id, sender, role, reached, at, sent_at, by_client, withdrawn_at';

export function sqlDeliveries(db: Db): DeliveryStore {
  const get = async (id: string) =>
    (await db.query<DeliveryRow>(`SELECT ${COLUMNS} FROM role_deliveries WHERE id = $1`, [id])).map(toDelivery)[0];
  return {
    async record(d, byClient = false) {
      await db.query(
        'INSERT INTO role_deliveries (id, sender, role, reached, at, by_client) VALUES ($1, $2, $3, $4, $5, $6)',
        [d.id, d.sender, d.role, JSON.stringify(d.reached), d.at, byClient ? 1 : 0],
      );
    },
    async sent(id, at) {
      await db.query('UPDATE role_deliveries SET sent_at = $1 WHERE id = $2', [at, id]);
    },
    async withdraw(id, at) {
      await db.query("UPDATE role_deliveries SET reached = '[]', withdrawn_at = $1 WHERE id = $2", [at, id]);
    },
    get,
    async list({ limit, before }) {
      const from = before ? await get(before) : undefined;
      if (before && !from) return [];
      const older = from ? 'WHERE at < $2 OR (at = $2 AND id < $3)' : '';
      const rows = await db.query<DeliveryRow>(
        `SELECT ${COLUMNS} FROM role_deliveries ${older} ORDER BY at DESC, id DESC LIMIT $1`,
        from ? [limit, from.at, from.id] : [limit],
      );
      return rows.map(toDelivery);
    },
    async bySender(sender, limit) {
      const rows = await db.query<DeliveryRow>(
        'SELECT id, sender, role, reached, at FROM role_deliveries WHERE sender = $1 ORDER BY at DESC, id LIMIT $2',
        [sender, limit],
      );
      return rows.map(toDelivery);
    },
  };
}
