import { describe, expect, it } from 'vitest';
import { memoryStore } from '../store/memory.ts';
import { roomOfDepartment } from './department-room.ts';
import { departmentRoom } from './room-name.ts';

const muc = 'conference.h.example';

describe('roomOfDepartment', () => {
  it('gives a department seen for the first time the room its name gave it before rooms were recorded', async () => {
    const { departmentRooms } = memoryStore();
    expect(await roomOfDepartment(departmentRooms, 'Ward 3', muc)).toBe(departmentRoom('Ward 3', muc));
    expect(await departmentRooms.get('Ward 3')).toBe(departmentRoom('Ward 3', muc));
  });

  it('keeps the recorded room, and gives a name whose address another department kept a new one', async () => {
    const store = memoryStore();
    const audit = { id: 'a', at: '2026-11-30T22:00:00.000Z', actor: 'admin@h.example', action: 'rename' };
    const ward = await roomOfDepartment(store.departmentRooms, 'Ward 3', muc);
    const entry = { jid: 'n@h.example', name: 'N', roles: [], department: 'Ward 3 (Cardiology)', extension: '' };
    await store.directory.editAll([{ entry, audit }], { from: 'Ward 3', to: 'Ward 3 (Cardiology)' });
    expect(await roomOfDepartment(store.departmentRooms, 'Ward 3 (Cardiology)', muc)).toBe(ward);
    const again = await roomOfDepartment(store.departmentRooms, 'Ward 3', muc);
    expect(again).not.toBe(ward);
    expect(again).toMatch(/^dept-ward-3-[0-9a-f]{8}-[0-9a-f]{8}@conference\.h\.example$/);
  });
});
