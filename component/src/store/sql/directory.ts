// The directory over SQL, and the audit record an admin's edit writes with it.
import type { AuditMeta, DirectoryEntry, DirectoryStore } from '../types.ts';
import { appendAudit } from './audit.ts';
import { renameDepartmentRoom } from './department-rooms.ts';
import type { Db } from './db.ts';

interface EntryRow extends Record<string, unknown> {
  jid: string;
  name: string;
  department: string;
  extension: string;
  on_duty: number | string;
  roles: string | null;
}

// Roles come back as one comma-joined column; roles never contain a comma (directory/validate.ts checks).
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

async function get(db: Pick<Db, 'query'>, jid: string): Promise<DirectoryEntry | undefined> {
  const rows = await db.query<EntryRow>(`${SELECT} WHERE d.jid = $1`, [jid]);
  return rows[0] ? toEntry(rows[0]) : undefined;
}

async function put(tx: Pick<Db, 'query'>, e: DirectoryEntry): Promise<void> {
  await tx.query(
    `INSERT INTO directory (jid, name, department, extension, on_duty) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (jid) DO UPDATE SET name = excluded.name, department = excluded.department,
       extension = excluded.extension, on_duty = excluded.on_duty`,
    [e.jid, e.name, e.department, e.extension, e.onDuty ? 1 : 0],
  );
  await tx.query('DELETE FROM directory_roles WHERE jid = $1', [e.jid]);
  for (const role of new Set(e.roles))
    await tx.query('INSERT INTO directory_roles (jid, role) VALUES ($1, $2)', [e.jid, role]);
}

/** An admin's edit inside the caller's transaction: the entry (keeping its duty status) and its audit record. */
async function editIn(tx: Pick<Db, 'query'>, e: Omit<DirectoryEntry, 'onDuty'>, audit: AuditMeta) {
  const before = await get(tx, e.jid);
  const after = { ...e, roles: [...new Set(e.roles)].sort(), onDuty: before?.onDuty ?? false };
  await put(tx, after);
  await appendAudit(tx, { ...audit, target: e.jid, before: before ?? null, after });
  return { ...(before ? { before } : {}), after };
}

export function sqlDirectory(db: Db): DirectoryStore {
  return {
    get: (jid) => get(db, jid),
    async list() {
      return (await db.query<EntryRow>(`${SELECT} ORDER BY d.name, d.jid`)).map(toEntry);
    },
    async onDutyWithRole(role) {
      const rows = await db.query<EntryRow>(
        `${SELECT} WHERE d.on_duty = 1 AND EXISTS (SELECT 1 FROM directory_roles r WHERE r.jid = d.jid AND r.role = $1)
         ORDER BY d.name, d.jid`,
        [role],
      );
      return rows.map(toEntry);
    },
    async roleHeld(role) {
      return (await db.query('SELECT 1 AS x FROM directory_roles WHERE role = $1 LIMIT 1', [role])).length > 0;
    },
    upsert: (e) => db.transaction((tx) => put(tx, e)),
    remove: (jid) =>
      db.transaction(async (tx) => {
        const before = await get(tx, jid);
        await tx.query('DELETE FROM directory_roles WHERE jid = $1', [jid]);
        await tx.query('DELETE FROM directory WHERE jid = $1', [jid]);
        return before;
      }),
    edit: (e, audit) => db.transaction((tx) => editIn(tx, e, audit)),
    editAll: (edits, renamed) =>
      db.transaction(async (tx) => {
        const done = [];
        for (const { entry, audit } of edits) done.push(await editIn(tx, entry, audit));
        if (renamed) await renameDepartmentRoom(tx, renamed);
        return done;
      }),
    async setDuty(jid, onDuty) {
      await db.query('UPDATE directory SET on_duty = $1 WHERE jid = $2', [onDuty ? 1 : 0, jid]);
      return get(db, jid);
    },
  };
}
