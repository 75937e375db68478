// The room of each department, over SQL (migrations 0018, 0021).
import type { DepartmentRename, DepartmentRoomStore } from '../types.ts';
import type { Db } from './db.ts';

async function get(db: Pick<Db, 'query'>, department: string): Promise<string | undefined> {
  const rows = await db.query<{ room: string }>('SELECT room FROM department_rooms WHERE department = $1', [
    department,
  ]);
  return rows[0]?.room;
}

/** Inside DirectoryStore.editAll's transaction: the record follows the rename, unless the new name has a room. */
export async function renameDepartmentRoom(tx: Pick<Db, 'query'>, { from, to }: DepartmentRename): Promise<void> {
  await tx.query(
    `UPDATE department_rooms SET department = $2
     WHERE department = $1 AND NOT EXISTS (SELECT 1 FROM department_rooms WHERE department = $2)`,
    [from, to],
  );
}

export function sqlDepartmentRooms(db: Db): DepartmentRoomStore {
  return {
    get: (department) => get(db, department),
    async claim(department, room) {
      await db.query('INSERT INTO department_rooms (department, room) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
        department,
        room,
      ]);
      return get(db, department);
    },
    async byRoom(room) {
      const [row] = await db.query<{ department: string; retired_at: string | null }>(
        'SELECT department, retired_at FROM department_rooms WHERE room = $1',
        [room],
      );
      if (!row) return undefined;
      return row.retired_at
        ? { department: row.department, retiredAt: row.retired_at }
        : { department: row.department };
    },
    async setRetired(room, at) {
      await db.query('UPDATE department_rooms SET retired_at = $2 WHERE room = $1', [room, at]);
    },
  };
}
