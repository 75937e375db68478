// The reference store of each department's room (memory.ts).
import type { DepartmentRename, DepartmentRoomStore } from './types.ts';

export function memoryDepartmentRooms(): DepartmentRoomStore & { rename(r: DepartmentRename): void } {
  const rooms = new Map<string, string>();
  const retired = new Map<string, string>();
  return {
    async get(department) {
      return rooms.get(department);
    },
    async claim(department, room) {
      if (!rooms.has(department) && ![...rooms.values()].includes(room)) rooms.set(department, room);
      return rooms.get(department);
    },
    async byRoom(room) {
      const department = [...rooms].find(([, r]) => r === room)?.[0];
      if (department === undefined) return undefined;
      const at = retired.get(room);
      return at ? { department, retiredAt: at } : { department };
    },
    async setRetired(room, at) {
      if (at === null) retired.delete(room);
      else if ([...rooms.values()].includes(room)) retired.set(room, at);
    },
    rename({ from, to }) {
      const room = rooms.get(from);
      if (room === undefined || rooms.has(to)) return;
      rooms.delete(from);
      rooms.set(to, room);
    },
  };
}
