// The reference store of each department's room (memory.ts).
import type { DepartmentRename, DepartmentRoomStore } from './types.ts';

export function memoryDepartmentRooms(): DepartmentRoomStore & { rename(r: DepartmentRename): void } {
  const rooms = new Map<string, string>();
  return {
    async get(department) {
      return rooms.get(department);
    },
    async claim(department, room) {
      if (!rooms.has(department) && ![...rooms.values()].includes(room)) rooms.set(department, room);
      return rooms.get(department);
    },
    async forget(room) {
      for (const [d, r] of rooms) if (r === room) rooms.delete(d);
    },
    rename({ from, to }) {
      const room = rooms.get(from);
      if (room === undefined || rooms.has(to)) return;
      rooms.delete(from);
      rooms.set(to, room);
    },
  };
}
