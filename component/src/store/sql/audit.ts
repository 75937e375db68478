// The append-only audit table: appended to inside an edit's own transaction
// (sql/directory.ts, sql/presets.ts, sql/site.ts) or alone, read here. Never
// updated nor deleted: migration 0013 makes the database refuse both.
import type { AuditQuery, AuditRecord, AuditStore } from '../types.ts';
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

/** The WHERE clause and its parameters for a query (memory-audit.ts is the reference). */
function where(q: AuditQuery, binary: string): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const conds: string[] = [];
  const p = (v: unknown) => `$${params.push(v)}`;
  if (q.target) conds.push(`target = ${p(q.target)}`);
  // memory-audit.ts kindOf: a JID has no ':', so `room:<room JID>` is a room's.
  if (q.kind === 'person') conds.push(`target LIKE '%@%' AND target NOT LIKE '%:%'`);
  else if (q.kind) conds.push(`(target = ${p(q.kind)} OR target LIKE ${p(`${q.kind}:%`)})`);
  if (q.actor) conds.push(`actor = ${p(q.actor)}`);
  if (q.from) conds.push(`at >= ${p(q.from)}`);
  if (q.to) conds.push(`at < ${p(q.to)}`);
  // Keyset paging: strictly after the cursor record in (at, id) descending order.
  if (q.before !== undefined) {
    const c = p(q.before);
    conds.push(
      `EXISTS (SELECT 1 FROM audit_log c WHERE c.id = ${c} AND (audit_log.at${binary} < c.at OR (audit_log.at = c.at AND audit_log.id${binary} < c.id)))`,
    );
  }
  return { sql: conds.length ? ` WHERE ${conds.join(' AND ')}` : '', params };
}

export function sqlAudit(db: Db): AuditStore {
  // Byte order, as the memory store compares (PostgreSQL's default collation may not be).
  const binary = db.kind === 'postgres' ? ' COLLATE "C"' : '';
  return {
    async list(q) {
      const w = where(q, binary);
      const rows = await db.query<AuditRow>(
        `SELECT id, at, actor, action, target, old_value, new_value FROM audit_log${w.sql}` +
          ` ORDER BY at${binary} DESC, id${binary} DESC LIMIT $${w.params.length + 1}`,
        [...w.params, q.limit],
      );
      return rows.map(toRecord);
    },
    record: (r) => appendAudit(db, r),
  };
}
