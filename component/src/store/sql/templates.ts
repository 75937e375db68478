// Quick-response templates over SQL (migration 0006's request_templates):
// the seeded defaults, added where their id is free, and an admin's edit with
// its audit record in one transaction. A new template goes last in the order.
// A deletion is remembered (migration 0016's deleted_templates) so the seeding
// skips that id, until an edit adds it again.
import type { Choice, ResponseRule } from '@bleep/protocol';
import type { OnAccept, RequestTemplate, TemplateField, TemplateStore } from '../types.ts';
import { appendAudit } from './audit.ts';
import type { Db, Row } from './db.ts';

interface TemplateRow extends Row {
  id: string;
  title: string;
  choices: string;
  rule_kind: string;
  quorum: number | string | null;
  expires_after_s: number | string | null;
  escalate_after_s: number | string | null;
  escalate_to: string;
  fields: string;
  on_accept: string | null;
}

const json = <T>(s: string): T => JSON.parse(s) as T;
export const rule = (kind: string, quorum: number | string | null): ResponseRule =>
  kind === 'quorum' ? { kind, n: Number(quorum) } : { kind: kind as 'exclusive' | 'each' };

const toTemplate = (r: TemplateRow): RequestTemplate => {
  const to = json<{ people: string[]; roles: string[] }>(r.escalate_to);
  return {
    id: r.id,
    title: r.title,
    choices: json<Choice[]>(r.choices),
    rule: rule(r.rule_kind, r.quorum),
    ...(r.expires_after_s === null ? {} : { expiresAfterMs: Number(r.expires_after_s) * 1000 }),
    ...(r.escalate_after_s === null ? {} : { escalation: { afterMs: Number(r.escalate_after_s) * 1000, ...to } }),
    fields: json<TemplateField[]>(r.fields),
    ...(r.on_accept ? { onAccept: r.on_accept as OnAccept } : {}),
  };
};

const COLUMNS =
  'id, position, title, choices, rule_kind, quorum, expires_after_s, escalate_after_s, escalate_to, fields, on_accept';

/** The row's values in COLUMNS order ($1 … $11). */
const values = (t: RequestTemplate, position: number) => [
  t.id,
  position,
  t.title,
  JSON.stringify(t.choices),
  t.rule.kind,
  t.rule.kind === 'quorum' ? t.rule.n : null,
  t.expiresAfterMs === undefined ? null : Math.round(t.expiresAfterMs / 1000),
  t.escalation ? Math.round(t.escalation.afterMs / 1000) : null,
  JSON.stringify({ people: t.escalation?.people ?? [], roles: t.escalation?.roles ?? [] }),
  JSON.stringify(t.fields),
  t.onAccept ?? null,
];

const PLACES = '$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11';

async function get(db: Pick<Db, 'query'>, id: string): Promise<RequestTemplate | undefined> {
  const rows = await db.query<TemplateRow>('SELECT * FROM request_templates WHERE id = $1', [id]);
  return rows[0] && toTemplate(rows[0]);
}

export function sqlTemplates(db: Db): TemplateStore {
  return {
    async templates() {
      const rows = await db.query<TemplateRow>('SELECT * FROM request_templates ORDER BY position, id');
      return rows.map(toTemplate);
    },
    async addTemplates(list) {
      await db.transaction(async (tx) => {
        const deleted = new Set((await tx.query<{ id: string }>('SELECT id FROM deleted_templates')).map((r) => r.id));
        for (const [i, t] of list.entries())
          if (!deleted.has(t.id))
            await tx.query(
              `INSERT INTO request_templates (${COLUMNS}) VALUES (${PLACES}) ON CONFLICT (id) DO NOTHING`,
              values(t, i + 1),
            );
      });
    },
    editTemplate: (t, audit) =>
      db.transaction(async (tx) => {
        const before = await get(tx, t.id);
        const [last] = await tx.query<{ n: number | string | null }>(
          'SELECT MAX(position) AS n FROM request_templates',
        );
        await tx.query(
          `INSERT INTO request_templates (${COLUMNS}) VALUES (${PLACES})
           ON CONFLICT (id) DO UPDATE SET title = excluded.title, choices = excluded.choices,
             rule_kind = excluded.rule_kind, quorum = excluded.quorum, expires_after_s = excluded.expires_after_s,
             escalate_after_s = excluded.escalate_after_s, escalate_to = excluded.escalate_to,
             fields = excluded.fields, on_accept = excluded.on_accept`,
          values(t, Number(last?.n ?? 0) + 1),
        );
        await tx.query('DELETE FROM deleted_templates WHERE id = $1', [t.id]);
        const after = (await get(tx, t.id))!;
        await appendAudit(tx, { ...audit, target: `template:${t.id}`, before: before ?? null, after });
        return { ...(before ? { before } : {}), after };
      }),
    deleteTemplate: (id, audit) =>
      db.transaction(async (tx) => {
        const before = await get(tx, id);
        if (!before) return undefined;
        await tx.query('DELETE FROM request_templates WHERE id = $1', [id]);
        await tx.query('INSERT INTO deleted_templates (id) VALUES ($1) ON CONFLICT (id) DO NOTHING', [id]);
        await appendAudit(tx, { ...audit, target: `template:${id}`, before, after: null });
        return before;
      }),
  };
}
