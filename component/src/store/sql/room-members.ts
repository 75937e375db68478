// Department room members the directory placed, over SQL.
import type { RoomMemberStore } from '../types.ts';
import type { Db } from './db.ts';

export function sqlRoomMembers(db: Db): RoomMemberStore {
  return {
    async placed(room) {
      const rows = await db.query<{ jid: string }>(
        'SELECT jid FROM department_room_members WHERE room = $1 ORDER BY jid',
        [room],
      );
      return rows.map((r) => r.jid);
    },
    async rooms() {
      const rows = await db.query<{ room: string }>('SELECT DISTINCT room FROM department_room_members ORDER BY room');
      return rows.map((r) => r.room);
    },
    async setPlaced(room, jids) {
      await db.transaction(async (tx) => {
        await tx.query('DELETE FROM department_room_members WHERE room = $1', [room]);
        for (const jid of new Set(jids)) {
          await tx.query('INSERT INTO department_room_members (room, jid) VALUES ($1, $2)', [room, jid]);
        }
      });
    },
  };
}
