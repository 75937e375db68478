// Persisted timers over SQL. A claim leases due timers to one process: on
// PostgreSQL the rows are locked with FOR UPDATE SKIP LOCKED, so two
// processes claiming at once take different timers and never wait on each
// other; on SQLite the claim runs inside BEGIN IMMEDIATE, which holds the
// database's one write lock across processes.
import type { Timer, TimerStore } from '../types.ts';
import type { Db } from './db.ts';

interface TimerRow extends Record<string, unknown> {
  id: string;
  kind: string;
  timer_key: string;
  due_at: number | string;
  payload: string;
  attempts: number | string;
  fired_at: number | string | null;
}

const COLUMNS = 'id, kind, timer_key, due_at, payload, attempts, fired_at';

const toTimer = (r: TimerRow): Timer & { firedAt?: number } => ({
  id: r.id,
  kind: r.kind,
  key: r.timer_key,
  dueAt: Number(r.due_at),
  payload: JSON.parse(r.payload) as unknown,
  attempts: Number(r.attempts),
  ...(r.fired_at === null ? {} : { firedAt: Number(r.fired_at) }),
});

export function sqlTimers(db: Db): TimerStore {
  const lock = db.kind === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
  const claimSql = `UPDATE timers SET claimed_by = $1, lease_until = $2, attempts = attempts + 1
    WHERE id IN (SELECT id FROM timers
      WHERE fired_at IS NULL AND due_at <= $3 AND (lease_until IS NULL OR lease_until <= $3)
      ORDER BY due_at LIMIT $4 ${lock})
    RETURNING ${COLUMNS}`;
  return {
    async schedule(t) {
      const rows = await db.query(
        `INSERT INTO timers (id, kind, timer_key, due_at, payload) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (timer_key) DO NOTHING RETURNING id`,
        [t.id, t.kind, t.key, t.dueAt, JSON.stringify(t.payload ?? null)],
      );
      return rows.length > 0;
    },
    async cancel(key) {
      const rows = await db.query('DELETE FROM timers WHERE timer_key = $1 AND fired_at IS NULL RETURNING id', [key]);
      return rows.length > 0;
    },
    async claim(now, owner, leaseUntil, limit) {
      const rows = await db.transaction((tx) => tx.query<TimerRow>(claimSql, [owner, leaseUntil, now, limit]));
      return rows.map(toTimer).sort((a, b) => a.dueAt - b.dueAt);
    },
    async fired(id, owner, at) {
      const rows = await db.query(
        `UPDATE timers SET fired_at = $3, claimed_by = NULL, lease_until = NULL
         WHERE id = $1 AND claimed_by = $2 AND fired_at IS NULL RETURNING id`,
        [id, owner, at],
      );
      return rows.length > 0;
    },
    async retry(id, owner, at) {
      await db.query('UPDATE timers SET claimed_by = NULL, lease_until = $3 WHERE id = $1 AND claimed_by = $2', [
        id,
        owner,
        at,
      ]);
    },
    async nextWake() {
      const rows = await db.query<{ t: number | string | null }>(
        `SELECT MIN(CASE WHEN lease_until IS NOT NULL AND lease_until > due_at THEN lease_until ELSE due_at END) AS t
         FROM timers WHERE fired_at IS NULL`,
      );
      const t = rows[0]?.t;
      return t === null || t === undefined ? undefined : Number(t);
    },
    async get(key) {
      const rows = await db.query<TimerRow>(`SELECT ${COLUMNS} FROM timers WHERE timer_key = $1`, [key]);
      return rows[0] ? toTimer(rows[0]) : undefined;
    },
    async sweep(firedBefore) {
      // Index timers_fired (0015); pending timers have no fired_at and are never touched.
      const rows = await db.query('DELETE FROM timers WHERE fired_at IS NOT NULL AND fired_at < $1 RETURNING id', [
        firedBefore,
      ]);
      return rows.length;
    },
  };
}
