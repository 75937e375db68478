// The site editor's tree operations (issue #13 part 3).
import type { SiteModel } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { addBuilding, addFloor, addRoom, addZone, draftOf, idFor, move, remove, toModel } from './draft.ts';

const MODEL: SiteModel = {
  campus: {
    name: 'C',
    plan: '/site/campus.svg',
    bounds: [
      [52, 4],
      [52.004, 4.008],
    ],
  },
  buildings: [
    {
      id: 'north',
      name: 'North',
      bounds: [
        [52.001, 4.001],
        [52.002, 4.002],
      ],
      floors: [
        { id: 'n0', name: 'Ground', plan: '/site/north-0.svg', rooms: [{ id: 'icu', name: 'ICU', x: 0.1, y: 0.2 }] },
      ],
    },
  ],
};

describe('the site draft', () => {
  it('makes ids from names that the model accepts, unique among their siblings', () => {
    expect(idFor('Ward 3 (Ünit B)', [], 'room')).toBe('ward-3-unit-b');
    expect(idFor('ICU', [{ id: 'icu' }, { id: 'icu-2' }], 'room')).toBe('icu-3');
    expect(idFor('★', [], 'room')).toBe('room');
  });

  it('adds a building with a floor, a floor with its predecessor’s plan, a room and a zone', () => {
    const d = draftOf(MODEL);
    const b = addBuilding(d, 'East wing');
    expect(b).toMatchObject({ id: 'east-wing', floors: [{ id: 'ground-floor', plan: '/site/campus.svg' }] });
    expect(b.bounds).toEqual([
      [52.001, 4.002],
      [52.003, 4.006],
    ]);
    const f = addFloor(d.buildings[0]!, 'Floor 1');
    expect(f).toMatchObject({ id: 'floor-1', plan: '/site/north-0.svg', rooms: [] });
    expect(addRoom(d.buildings[0]!.floors[0]!, 'ICU')).toEqual({ id: 'icu-2', name: 'ICU', x: 0.5, y: 0.5 });
    expect(addZone(f, 'Ward A').points).toHaveLength(4);
    // The model it came from is untouched.
    expect(MODEL.buildings).toHaveLength(1);
  });

  it('reorders within bounds and deletes', () => {
    const list = ['a', 'b', 'c'];
    move(list, 0, 1);
    expect(list).toEqual(['b', 'a', 'c']);
    move(list, 0, -1);
    move(list, 2, 1);
    expect(list).toEqual(['b', 'a', 'c']);
    remove(list, 1);
    expect(list).toEqual(['b', 'c']);
  });

  it('sends a floor without zones as models before zones had it', () => {
    const d = draftOf(MODEL);
    addFloor(d.buildings[0]!, 'Floor 1');
    addZone(d.buildings[0]!.floors[1]!, 'Ward');
    const m = toModel(d);
    expect('zones' in m.buildings[0]!.floors[0]!).toBe(false);
    expect(m.buildings[0]!.floors[1]!.zones).toHaveLength(1);
  });
});
