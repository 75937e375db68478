// Which room is a department's: the one recorded for it (DepartmentRoomStore),
// so that a renamed department keeps its room, and with it its address, its
// members, its members' bookmarks and its archive; a rename changes only the
// room's name (rooms/departments.ts). A department seen for the first time is
// recorded with the address its name gives (room-name.ts): for the departments
// of an install from before the record existed, the room they already have.
// When that address is another department's (one renamed away from this name
// keeps it), a random part makes a new one.
import { randomBytes } from 'node:crypto';
import type { DepartmentRoomStore } from '../store/types.ts';
import { departmentRoom } from './room-name.ts';

const TRIES = 3;

export async function roomOfDepartment(
  rooms: DepartmentRoomStore,
  department: string,
  mucHost: string,
): Promise<string> {
  const recorded = await rooms.get(department);
  if (recorded) return recorded;
  const named = departmentRoom(department, mucHost);
  for (let i = 0; i < TRIES; i++) {
    const room = i === 0 ? named : named.replace('@', `-${randomBytes(4).toString('hex')}@`);
    const claimed = await rooms.claim(department, room);
    if (claimed) return claimed;
  }
  throw new Error(`no free room address for a department after ${TRIES} tries`);
}
