// Alarm presets over SQL; an admin's edit and its audit record in one transaction.
import type { AlarmPreset } from '@bleep/protocol';
import type { PresetStore } from '../types.ts';
import { appendAudit } from './audit.ts';
import type { Db } from './db.ts';

const read = (r: { definition: string }) => JSON.parse(r.definition) as AlarmPreset;

async function get(db: Pick<Db, 'query'>, id: string): Promise<AlarmPreset | undefined> {
  const rows = await db.query<{ definition: string }>('SELECT definition FROM alarm_presets WHERE id = $1', [id]);
  return rows[0] && read(rows[0]);
}

export function sqlPresets(db: Db): PresetStore {
  return {
    get: (id) => get(db, id),
    async list() {
      return (await db.query<{ definition: string }>('SELECT definition FROM alarm_presets ORDER BY name, id')).map(
        read,
      );
    },
    async seed(presets, at) {
      let added = 0;
      for (const p of presets) {
        const rows = await db.query(
          `INSERT INTO alarm_presets (id, name, definition, updated_at, updated_by) VALUES ($1, $2, $3, $4, 'seed')
           ON CONFLICT (id) DO NOTHING RETURNING id`,
          [p.id, p.name, JSON.stringify(p), at],
        );
        added += rows.length;
      }
      return added;
    },
    edit: (p, audit) =>
      db.transaction(async (tx) => {
        const before = await get(tx, p.id);
        await tx.query(
          `INSERT INTO alarm_presets (id, name, definition, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (id) DO UPDATE SET name = excluded.name, definition = excluded.definition,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          [p.id, p.name, JSON.stringify(p), audit.at, audit.actor],
        );
        await appendAudit(tx, { ...audit, target: `preset:${p.id}`, before: before ?? null, after: p });
        return { ...(before ? { before } : {}), after: p };
      }),
  };
}
