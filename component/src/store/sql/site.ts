// The site model over SQL: one JSON document, replaced whole with its audit record.
import type { SiteStore } from '../types.ts';
import { appendAudit } from './audit.ts';
import type { Db } from './db.ts';

export function sqlSite(db: Db): SiteStore {
  return {
    async get() {
      const rows = await db.query<{ model: string }>('SELECT model FROM site_model WHERE id = 1');
      return rows[0] ? JSON.parse(rows[0].model) : undefined;
    },
    save: (model, audit) =>
      db.transaction(async (tx) => {
        const before = (await tx.query<{ model: string }>('SELECT model FROM site_model WHERE id = 1'))[0]?.model;
        const json = JSON.stringify(model);
        await tx.query(
          `INSERT INTO site_model (id, model, updated_at, updated_by) VALUES (1, $1, $2, $3)
           ON CONFLICT (id) DO UPDATE SET model = excluded.model, updated_at = excluded.updated_at,
             updated_by = excluded.updated_by`,
          [json, audit.at, audit.actor],
        );
        await appendAudit(tx, { ...audit, target: 'site', before: before ? JSON.parse(before) : null, after: model });
      }),
  };
}
