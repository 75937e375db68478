// The append-only audit table: appended to inside an edit's own transaction
// (sql/directory.ts, sql/presets.ts), read here.
import type { AuditRecord, AuditStore } from '../types.ts';
import type { Db } from './db.ts';

interface AuditRow extends Record<string, unknown> {
  id: string;
  at: string;
  actor: string;
  action: string;
  target: string;
  old_value: string | null;
  new_value: string | null;
}

const toRecord = (r: AuditRow): AuditRecord => ({
  id: r.id,
  at: r.at,
  actor: r.actor,
  action: r.action,
  target: r.target,
  before: r.old_value === null ? null : (JSON.parse(r.old_value) as unknown),
  after: r.new_value === null ? null : (JSON.parse(r.new_value) as unknown),
});

const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));

/** Appends one record (inside the caller's transaction where it goes with a change). */
export async function appendAudit(db: Pick<Db, 'query'>, r: AuditRecord): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (id, at, actor, action, target, old_value, new_value) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [r.id, r.at, r.actor, r.action, r.target, json(r.before), json(r.after)],
  );
}

export function sqlAudit(db: Db): AuditStore {
  return {
    async list({ target, limit }) {
      const cols = 'SELECT id, at, actor, action, target, old_value, new_value FROM audit_log';
      const rows = target
        ? await db.query<AuditRow>(`${cols} WHERE target = $1 ORDER BY at DESC, id LIMIT $2`, [target, limit])
        : await db.query<AuditRow>(`${cols} ORDER BY at DESC, id LIMIT $1`, [limit]);
      return rows.map(toRecord);
    },
    record: (r) => appendAudit(db, r),
  };
}
