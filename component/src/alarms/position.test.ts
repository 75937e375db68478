import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from '../location/demo-site.ts';
import { gpsPlace, incidentPosition } from './position.ts';

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

describe('the place responders are told when the trigger gave none but shared GPS', () => {
  it('is the building whose bounds hold the point, marked as from GPS with its accuracy in whole metres', () => {
    expect(gpsPlace(DEMO_SITE, gps)).toBe('South wing (from GPS, ±12 m)');
    expect(gpsPlace(DEMO_SITE, { ...gps, lat: 52.003, lon: 4.3625, accuracy: 4.6 })).toBe(
      'North wing (from GPS, ±5 m)',
    );
  });

  it('says GPS was shared, with its accuracy, outside every building or without a site model', () => {
    const carPark = { ...gps, lat: 52.0039, lon: 4.3601, accuracy: 30 };
    expect(gpsPlace(DEMO_SITE, carPark)).toBe('GPS position shared (±30 m)');
    expect(gpsPlace(undefined, gps)).toBe('GPS position shared (±12 m)');
    expect(gpsPlace(DEMO_SITE, { lat: 52.0011, lon: 4.3641, timestamp: AT })).toBe('South wing (from GPS)');
  });

  it('is empty without coordinates (a site room shared, or nothing)', () => {
    expect(gpsPlace(DEMO_SITE, { building: 'north', floor: 'n1', room: 'n1-3', timestamp: AT })).toBe('');
    expect(gpsPlace(DEMO_SITE, undefined)).toBe('');
  });
});
