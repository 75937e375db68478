// The reference store of department room members the directory placed (memory.ts).
import type { RoomMemberStore } from './types.ts';

export function memoryRoomMembers(): RoomMemberStore {
  const placed = new Map<string, Set<string>>();
  return {
    async placed(room) {
      return [...(placed.get(room) ?? [])].sort();
    },
    async rooms() {
      return [...placed.keys()].sort();
    },
    async setPlaced(room, jids) {
      if (jids.length === 0) placed.delete(room);
      else placed.set(room, new Set(jids));
    },
  };
}
