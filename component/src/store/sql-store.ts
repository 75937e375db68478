// The Store over SQL (SQLite or PostgreSQL): same statements, same migrations.
import { sqlAudit } from './sql/audit.ts';
import type { Db } from './sql/db.ts';
import { sqlDeliveries } from './sql/deliveries.ts';
import { sqlDepartmentRooms } from './sql/department-rooms.ts';
import { sqlDirectory } from './sql/directory.ts';
import { migrate, schemaVersion } from './sql/migrate.ts';
import { sqlResponses } from './sql/responses.ts';
import { sqlLocations } from './sql/locations.ts';
import { sqlRoomMembers } from './sql/room-members.ts';
import { sqlShifts } from './sql/shifts.ts';
import { sqlSite } from './sql/site.ts';
import { sqlIncidents } from './sql/incidents.ts';
import { sqlPresets } from './sql/presets.ts';
import { sqlPush } from './sql/push.ts';
import { sqlTimers } from './sql/timers.ts';
import type { Store } from './types.ts';

export async function sqlStore(db: Db): Promise<Store> {
  try {
    await migrate(db);
  } catch (err) {
    await db.close().catch(() => {});
    throw err;
  }
  return {
    kind: db.kind,
    directory: sqlDirectory(db),
    deliveries: sqlDeliveries(db),
    audit: sqlAudit(db),
    timers: sqlTimers(db),
    responses: sqlResponses(db),
    locations: sqlLocations(db),
    site: sqlSite(db),
    shifts: sqlShifts(db),
    roomMembers: sqlRoomMembers(db),
    departmentRooms: sqlDepartmentRooms(db),
    presets: sqlPresets(db),
    incidents: sqlIncidents(db),
    push: sqlPush(db),
    schemaVersion: () => schemaVersion(db),
    close: () => db.close(),
  };
}
