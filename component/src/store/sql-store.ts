// The Store over SQL (SQLite or PostgreSQL): same statements, same migrations.
import type { Db } from './sql/db.ts';
import { migrate, schemaVersion } from './sql/migrate.ts';
import type { DeliveryStore, DirectoryEntry, DirectoryStore, RoleDelivery, Store } from './types.ts';

interface EntryRow extends Record<string, unknown> {
  jid: string;
  name: string;
  department: string;
  extension: string;
  on_duty: number | string;
  roles: string | null;
}

// Roles come back as one comma-joined column; roles never contain a comma (directory.ts checks).
const SELECT = `SELECT d.jid, d.name, d.department, d.extension, d.on_duty,
  (SELECT STRING_AGG(role, ',' ORDER BY role) FROM directory_roles r WHERE r.jid = d.jid) AS roles
  FROM directory d`;

function toEntry(r: EntryRow): DirectoryEntry {
  return {
    jid: r.jid,
    name: r.name,
    department: r.department,
    extension: r.extension,
    onDuty: Number(r.on_duty) === 1,
    roles: r.roles ? r.roles.split(',') : [],
  };
}

function directory(db: Db): DirectoryStore {
  return {
    async get(jid) {
      const rows = await db.query<EntryRow>(`${SELECT} WHERE d.jid = $1`, [jid]);
      return rows[0] ? toEntry(rows[0]) : undefined;
    },
    async list() {
      return (await db.query<EntryRow>(`${SELECT} ORDER BY d.name, d.jid`)).map(toEntry);
    },
    async upsert(e) {
      await db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO directory (jid, name, department, extension, on_duty) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (jid) DO UPDATE SET name = excluded.name, department = excluded.department,
             extension = excluded.extension, on_duty = excluded.on_duty`,
          [e.jid, e.name, e.department, e.extension, e.onDuty ? 1 : 0],
        );
        await tx.query('DELETE FROM directory_roles WHERE jid = $1', [e.jid]);
        for (const role of new Set(e.roles))
          await tx.query('INSERT INTO directory_roles (jid, role) VALUES ($1, $2)', [e.jid, role]);
      });
    },
    async setDuty(jid, onDuty) {
      await db.query('UPDATE directory SET on_duty = $1 WHERE jid = $2', [onDuty ? 1 : 0, jid]);
      return this.get(jid);
    },
  };
}

interface DeliveryRow extends Record<string, unknown> {
  id: string;
  sender: string;
  role: string;
  reached: string;
  at: string;
}

const toDelivery = (r: DeliveryRow): RoleDelivery => ({
  id: r.id,
  sender: r.sender,
  role: r.role,
  at: r.at,
  reached: JSON.parse(r.reached) as RoleDelivery['reached'],
});

function deliveries(db: Db): DeliveryStore {
  return {
    async record(d) {
      await db.query('INSERT INTO role_deliveries (id, sender, role, reached, at) VALUES ($1, $2, $3, $4, $5)', [
        d.id,
        d.sender,
        d.role,
        JSON.stringify(d.reached),
        d.at,
      ]);
    },
    async get(id) {
      const rows = await db.query<DeliveryRow>(
        'SELECT id, sender, role, reached, at FROM role_deliveries WHERE id = $1',
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

export async function sqlStore(db: Db): Promise<Store> {
  await migrate(db);
  return {
    kind: db.kind,
    directory: directory(db),
    deliveries: deliveries(db),
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
