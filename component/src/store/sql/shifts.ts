// Duty shifts over SQL: one current shift per person.
import type { DutyShift, ShiftStore } from '../types.ts';
import type { Db } from './db.ts';

interface ShiftRow extends Record<string, unknown> {
  jid: string;
  started_at: number | string;
  ends_at: number | string;
  extended: number | string;
}

const toShift = (r: ShiftRow): DutyShift => ({
  jid: r.jid,
  startedAt: Number(r.started_at),
  endsAt: Number(r.ends_at),
  extended: Number(r.extended) === 1,
});

export function sqlShifts(db: Db): ShiftStore {
  return {
    async get(jid) {
      const rows = await db.query<ShiftRow>(
        'SELECT jid, started_at, ends_at, extended FROM duty_shifts WHERE jid = $1',
        [jid],
      );
      return rows[0] && toShift(rows[0]);
    },
    async put(s) {
      await db.query(
        `INSERT INTO duty_shifts (jid, started_at, ends_at, extended) VALUES ($1, $2, $3, $4)
         ON CONFLICT (jid) DO UPDATE SET started_at = excluded.started_at, ends_at = excluded.ends_at,
           extended = excluded.extended`,
        [s.jid, s.startedAt, s.endsAt, s.extended ? 1 : 0],
      );
    },
    async remove(jid) {
      await db.query('DELETE FROM duty_shifts WHERE jid = $1', [jid]);
    },
  };
}
