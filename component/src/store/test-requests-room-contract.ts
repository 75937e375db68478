// Migration 0020 on SQLite and PostgreSQL: the requests posted in a room
// before the upgrade (their room only in the audience JSON) are still found
// by their room after it, so a "1" typed there still counts
// (requests/room-answer.ts); a request to people or a role has no room.
import type { Audience } from '@bleep/protocol';
import { expect, it } from 'vitest';
import { migrate } from './sql/migrate.ts';
import type { Db } from './sql/db.ts';
import type { Store } from './types.ts';

/** A request row as the store of migration 0019 wrote it: no room column, the room only in the audience JSON. */
async function insertOld(db: Db, id: string, audience: Audience, created = '2026-11-24T10:00:00Z'): Promise<void> {
  await db.query(
    `INSERT INTO requests (id, template, title, sender, sender_name, rule_kind, choices, fields, audience, created_at, status, status_at)
     VALUES ($1, 'accept-patient', 'Accept Patient', 'doctor@h.example', 'Dr Amara Okafor', 'exclusive', '[]', '[]', $2, $3, 'pending', $3)`,
    [id, JSON.stringify(audience), created],
  );
}

export function requestsRoomUpgrade(name: string, openDb: () => Db, open: () => Promise<Store>): void {
  it(`${name}: finds a room's requests stored before migration 0020 by their room, and only those`, async () => {
    const db = openDb();
    await migrate(db, 19);
    const room = 'code-blue-7f3a@conference.h.example';
    await insertOld(db, 'older', { kind: 'room', room });
    await insertOld(db, 'newer', { kind: 'room', room }, '2026-11-24T10:05:00Z');
    await insertOld(db, 'other', { kind: 'room', room: `x${room}` });
    await insertOld(db, 'role', { kind: 'role', role: 'anaesthesia' });
    await db.close();

    const store = await open();
    expect(await store.schemaVersion()).toBeGreaterThanOrEqual(20);
    expect((await store.responses.list({ room, limit: 10 })).map((r) => r.id)).toEqual(['newer', 'older']);
    expect((await store.responses.list({ limit: 10 })).map((r) => r.id).sort()).toEqual([
      'newer',
      'older',
      'other',
      'role',
    ]);
    await store.close();
  });
}
