// The Store over SQL (SQLite or PostgreSQL): same statements, same migrations.
import type { Db } from './sql/db.ts';
import { migrate, schemaVersion } from './sql/migrate.ts';
import type { DirectoryEntry, DirectoryStore, Store } from './types.ts';

interface EntryRow extends Record<string, unknown> {
  jid: string;
  name: string;
  department: string;
  roles: string | null;
}

// Roles come back as one comma-joined column; roles never contain a comma (directory.ts checks).
const SELECT = `SELECT d.jid, d.name, d.department,
  (SELECT STRING_AGG(role, ',' ORDER BY role) FROM directory_roles r WHERE r.jid = d.jid) AS roles
  FROM directory d`;

function toEntry(r: EntryRow): DirectoryEntry {
  return { jid: r.jid, name: r.name, department: r.department, roles: r.roles ? r.roles.split(',') : [] };
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
          `INSERT INTO directory (jid, name, department) VALUES ($1, $2, $3)
           ON CONFLICT (jid) DO UPDATE SET name = excluded.name, department = excluded.department`,
          [e.jid, e.name, e.department],
        );
        await tx.query('DELETE FROM directory_roles WHERE jid = $1', [e.jid]);
        for (const role of new Set(e.roles))
          await tx.query('INSERT INTO directory_roles (jid, role) VALUES ($1, $2)', [e.jid, role]);
      });
    },
  };
}

export async function sqlStore(db: Db): Promise<Store> {
  await migrate(db);
  return {
    kind: db.kind,
    directory: directory(db),
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
