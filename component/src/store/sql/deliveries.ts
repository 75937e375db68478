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

export function sqlDeliveries(db: Db): DeliveryStore {
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
    async get(id) {
      const rows = await db.query<DeliveryRow>(
        'SELECT id, sender, role, reached, at, sent_at, by_client, withdrawn_at FROM role_deliveries WHERE id = $1',
        [id],
      );
      return rows.map(toDelivery)[0];
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
