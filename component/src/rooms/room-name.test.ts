import { describe, expect, it } from 'vitest';
import { departmentRoom } from './room-name.ts';

const muc = 'conference.h.example';
const local = (d: string) => departmentRoom(d, muc).split('@')[0]!;

describe('department room addresses', () => {
  it('stay readable and stable', () => {
    expect(local('Emergency')).toMatch(/^dept-emergency-[0-9a-f]{8}$/);
    expect(local('Emergency')).toBe(local('Emergency'));
    expect(local('Zoë Ward')).toMatch(/^dept-zoe-ward-[0-9a-f]{8}$/);
    // NFC and NFD spell the same name.
    expect(local('Zoe\u0308 Ward')).toBe(local('Zo\u00eb Ward'));
  });

  it('keep apart departments whose names differ only in script or punctuation', () => {
    const names = ['Кардиология', 'Неврология', '心脏科', 'A&E', 'A-E', 'A E', 'emergency', 'Emergency'];
    const rooms = names.map(local);
    expect(new Set(rooms).size).toBe(names.length);
    for (const r of rooms) expect(r).toMatch(/^dept-([a-z0-9-]+-)?[0-9a-f]{8}$/);
  });
});
