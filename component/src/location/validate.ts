// What a published location must be before anything is stored or sent
// (issue #9): coordinates in range, a plausible accuracy, a recent time, and
// places that exist in the site model.
import type { GeoLocation, SiteModel } from '@bleep/protocol';
import { BleepError, quote } from '../xmpp/errors.ts';

/** Worse than this, a fix says nothing useful inside a hospital campus. */
export const MAX_ACCURACY_M = 5000;
/** Clocks of phones drift; a minute ahead is tolerated. */
const MAX_FUTURE_MS = 60_000;
/** Older than this, a position is history, not where someone is. */
export const MAX_AGE_MS = 10 * 60_000;

export function checkLocation(l: GeoLocation, site: SiteModel | undefined, now: number): void {
  const bad = (text: string) => new BleepError('bad-location', text);
  const hasLat = l.lat !== undefined;
  if (hasLat !== (l.lon !== undefined)) throw bad('Send <lat/> and <lon/> together.');
  // XEP-0080 §4: latitude −90…90, longitude −180…180 (WGS-84 degrees).
  if (hasLat && (l.lat! < -90 || l.lat! > 90)) throw bad(`Latitude must be between -90 and 90 degrees, not ${l.lat}.`);
  if (hasLat && (l.lon! < -180 || l.lon! > 180))
    throw bad(`Longitude must be between -180 and 180 degrees, not ${l.lon}.`);
  if (l.accuracy !== undefined && (l.accuracy < 0 || l.accuracy > MAX_ACCURACY_M))
    throw bad(`Accuracy must be between 0 and ${MAX_ACCURACY_M} metres, not ${l.accuracy}.`);
  if (!hasLat && l.building === undefined) throw bad('Send coordinates (<lat/>, <lon/>) or a <building/>.');
  const taken = Date.parse(l.timestamp);
  if (!/^\d{4}-\d\d-\d\dT/.test(l.timestamp) || Number.isNaN(taken))
    throw bad(`<timestamp/> must be an XEP-0082 date and time, not ${quote(l.timestamp)}.`);
  if (taken > now + MAX_FUTURE_MS) throw bad('The location is dated in the future. Check the device clock.');
  if (taken < now - MAX_AGE_MS)
    throw bad(`The location is more than ${MAX_AGE_MS / 60_000} minutes old. Send a fresh one.`);
  checkPlace(l, site);
}

function checkPlace(l: GeoLocation, site: SiteModel | undefined): void {
  if (l.building === undefined) {
    if (l.floor !== undefined || l.room !== undefined)
      throw new BleepError('unknown-place', 'A floor or room needs its <building/>.');
    return;
  }
  const building = site?.buildings.find((b) => b.id === l.building);
  if (!building) throw new BleepError('unknown-place', `There is no building ${quote(l.building)} in the site model.`);
  if (l.floor === undefined) {
    if (l.room !== undefined) throw new BleepError('unknown-place', 'A room needs its <floor/>.');
    return;
  }
  const floor = building.floors.find((f) => f.id === l.floor);
  if (!floor)
    throw new BleepError('unknown-place', `${building.name} has no floor ${quote(l.floor)} in the site model.`);
  if (l.room !== undefined && !floor.rooms.some((r) => r.id === l.room))
    throw new BleepError('unknown-place', `${building.name}, ${floor.name} has no room ${quote(l.room)}.`);
}
