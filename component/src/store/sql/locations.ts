// Location history over SQL: appended in batches, read back oldest first, purged by age.
import type { LocationRecord, LocationStore } from '../types.ts';
import type { Db } from './db.ts';

interface HistoryRow extends Record<string, unknown> {
  jid: string;
  received_at: number | string;
  taken_at: string | null;
  lat: number | null;
  lon: number | null;
  accuracy: number | null;
  building: string | null;
  floor: string | null;
  room: string | null;
  stopped: number | string;
}

const COLUMNS = 'jid, received_at, taken_at, lat, lon, accuracy, building, floor, room, stopped';
const num = (v: unknown) => (v === null || v === undefined ? undefined : Number(v));
const str = (v: string | null) => v ?? undefined;

function toRecord(r: HistoryRow): LocationRecord {
  if (Number(r.stopped) === 1) return { jid: r.jid, receivedAt: Number(r.received_at), location: null };
  const fields = {
    lat: num(r.lat),
    lon: num(r.lon),
    accuracy: num(r.accuracy),
    building: str(r.building),
    floor: str(r.floor),
    room: str(r.room),
  };
  const location = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return { jid: r.jid, receivedAt: Number(r.received_at), location: { ...location, timestamp: r.taken_at ?? '' } };
}

export function sqlLocations(db: Db): LocationStore {
  return {
    async append(records) {
      if (!records.length) return;
      await db.transaction(async (tx) => {
        for (const { jid, receivedAt, location: l } of records)
          await tx.query(`INSERT INTO location_history (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [
            jid,
            receivedAt,
            l?.timestamp ?? null,
            l?.lat ?? null,
            l?.lon ?? null,
            l?.accuracy ?? null,
            l?.building ?? null,
            l?.floor ?? null,
            l?.room ?? null,
            l ? 0 : 1,
          ]);
      });
    },
    async history(jid) {
      const rows = await db.query<HistoryRow>(
        `SELECT ${COLUMNS} FROM location_history WHERE jid = $1 ORDER BY received_at`,
        [jid],
      );
      return rows.map(toRecord);
    },
    async purge(before) {
      const rows = await db.query('DELETE FROM location_history WHERE received_at < $1 RETURNING jid', [before]);
      return rows.length;
    },
  };
}
