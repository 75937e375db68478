// Alarm incidents over SQL. openOrMerge runs in one transaction; on
// PostgreSQL a transaction-scoped advisory lock on the preset and place makes
// two triggers at once take turns (SQLite's BEGIN IMMEDIATE already does), so
// the second finds the first's incident and merges.
import type { Incident, IncidentEvent, IncidentStore } from '../types.ts';
import type { Db } from './db.ts';

type Q = Pick<Db, 'query'>;
const COLS = 'SELECT definition, status FROM incidents';
const read = (r: { definition: string; status: string }) =>
  ({ ...(JSON.parse(r.definition) as Incident), status: r.status }) as Incident;

async function get(db: Q, id: string): Promise<Incident | undefined> {
  const rows = await db.query<{ definition: string; status: string }>(`${COLS} WHERE id = $1`, [id]);
  return rows[0] && read(rows[0]);
}

async function append(db: Q, id: string, events: readonly IncidentEvent[]): Promise<void> {
  for (const e of events)
    await db.query(
      `INSERT INTO incident_events (incident_id, seq, at, event, who, detail)
       VALUES ($1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM incident_events WHERE incident_id = $1), $2, $3, $4, $5)`,
      [id, e.at, e.event, e.who, e.detail],
    );
}

async function update(db: Q, id: string, patch: Partial<Incident>): Promise<Incident | undefined> {
  const current = await get(db, id);
  if (!current) return undefined;
  const next = { ...current, ...patch };
  await db.query('UPDATE incidents SET definition = $2, status = $3 WHERE id = $1', [
    id,
    JSON.stringify(next),
    next.status,
  ]);
  return next;
}

export function sqlIncidents(db: Db): IncidentStore {
  return {
    openOrMerge: (c, since, merged, clientId, opened, beforeCommit) =>
      db.transaction(async (tx) => {
        if (db.kind === 'postgres')
          await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${c.preset.id}|${c.place}`]);
        if (clientId) {
          const seen = await tx.query<{ incident_id: string }>(
            'SELECT incident_id FROM alarm_triggers WHERE trigger_jid = $1 AND client_id = $2',
            [c.trigger, clientId],
          );
          const incident = seen[0] && (await get(tx, seen[0].incident_id));
          if (incident) return { incident, merged: false, repeated: true };
        }
        // A retry carries the same preset and place, so the lock above already makes it wait for the first.
        const remember = (id: string) =>
          clientId
            ? tx.query('INSERT INTO alarm_triggers (trigger_jid, client_id, incident_id, at) VALUES ($1, $2, $3, $4)', [
                c.trigger,
                clientId,
                id,
                merged.at,
              ])
            : undefined;
        if (c.place) {
          const rows = await tx.query<{ definition: string; status: string; id: string }>(
            `${COLS.replace('SELECT', 'SELECT id,')} WHERE status = 'open' AND preset = $1 AND place = $2 AND created_at >= $3
             ORDER BY created_at DESC LIMIT 1`,
            [c.preset.id, c.place, since],
          );
          if (rows[0]) {
            await append(tx, rows[0].id, [merged]);
            await remember(rows[0].id);
            return { incident: read(rows[0]), merged: true, repeated: false };
          }
        }
        await tx.query(
          `INSERT INTO incidents (id, preset, place, room, status, created_at, definition) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [c.id, c.preset.id, c.place, c.room, c.status, c.created, JSON.stringify(c)],
        );
        if (opened) await append(tx, c.id, [opened]);
        await remember(c.id);
        beforeCommit?.();
        return { incident: c, merged: false, repeated: false };
      }),
    get: (id) => get(db, id),
    async open() {
      const rows = await db.query<{ definition: string; status: string }>(
        `${COLS} WHERE status = 'open' ORDER BY created_at DESC`,
      );
      return rows.map(read);
    },
    async byRoom(room) {
      const rows = await db.query<{ definition: string; status: string }>(`${COLS} WHERE room = $1`, [room]);
      return rows[0] && read(rows[0]);
    },
    update: (id, patch) => db.transaction((tx) => update(tx, id, patch)),
    fail: (id, event) =>
      db.transaction(async (tx) => {
        const failed = await update(tx, id, { status: 'failed', raising: false });
        if (!failed) return undefined;
        await append(tx, id, [event]);
        await tx.query('DELETE FROM alarm_triggers WHERE incident_id = $1', [id]);
        return failed;
      }),
    append: (id, events) => db.transaction((tx) => append(tx, id, events)),
    async events(id) {
      return db
        .query<IncidentEvent & Record<string, unknown>>(
          'SELECT at, event, who, detail FROM incident_events WHERE incident_id = $1 ORDER BY seq',
          [id],
        )
        .then((rows) => rows.map((r) => ({ at: r.at, event: r.event, who: r.who, detail: r.detail })));
    },
  };
}
