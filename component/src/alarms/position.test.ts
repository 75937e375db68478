import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../location/demo-site.ts';
import { incidentPosition } from './position.ts';

const AT = '2026-11-30T10:00:00.000Z';
const gps = { lat: 52.0011, lon: 4.3641, accuracy: 12, timestamp: '2026-11-30T09:59:00.000Z' };

describe('where an incident goes on the map', () => {
  it('is the site room its location names in full (as the PWA fills it in), whatever the case and spacing', () => {
    expect(incidentPosition(DEMO_SITE, ' north wing ·  Floor 1 · ICU', gps, AT)).toEqual({
      building: 'north',
      floor: 'n1',
      room: 'n1-3',
      timestamp: AT,
    });
  });

  it('is a room named alone when only one room has that name; a name two floors share is not enough', () => {
    expect(incidentPosition(DEMO_SITE, 'Dialysis', undefined, AT)).toMatchObject({ building: 'south', room: 's1-3' });
    // Two wards called "Ward 1A": which one is not known, so the trigger's own position counts.
    const [north, south] = DEMO_SITE.buildings;
    const floor = { ...south!.floors[0]!, rooms: [{ id: 's0-9', name: 'Ward 1A', x: 0.5, y: 0.5 }] };
    const twice = { ...DEMO_SITE, buildings: [north!, { ...south!, floors: [floor] }] };
    expect(incidentPosition(twice, 'ward 1a', gps, AT)).toEqual(gps);
    expect(incidentPosition(DEMO_SITE, 'ward 1a', gps, AT)).toMatchObject({ room: 'n1-1' });
  });

  it("is the trigger's shared position when the location names no room, and none without either", () => {
    expect(incidentPosition(DEMO_SITE, 'Car park', gps, AT)).toEqual(gps);
    expect(incidentPosition(undefined, 'ICU', undefined, AT)).toBeUndefined();
    expect(incidentPosition(DEMO_SITE, '', undefined, AT)).toBeUndefined();
  });
});
