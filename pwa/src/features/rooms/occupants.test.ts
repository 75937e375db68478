// Who is behind a room nick: from the room's presence only, and when it is not
// known, from the room's answer to the app asking again (rooms/occupants.ts).
import { describe, expect, it } from 'vitest';
import type { Occupant } from './codec.ts';
import { createOccupants } from './occupants.ts';

const ROOM = 'ward@conference.h.example';
const presence = (nick: string, jid: string, more: Partial<Occupant> = {}): Occupant => ({
  room: ROOM,
  nick,
  jid,
  self: false,
  created: false,
  left: false,
  removed: false,
  visitor: false,
  ...more,
});

function setup() {
  const tables: Record<string, Record<string, string>> = {};
  const asked: string[] = [];
  const o = createOccupants(
    (room) => (tables[room] ??= {}),
    (room, nick) => asked.push(`${room}/${nick}`),
  );
  // Dana is in the room; it hides JIDs from her (no moderator), so Paul came without one.
  o.seen(presence('paul', ''));
  o.seen(presence('dana', 'dana@h.example', { self: true }));
  return { o, asked, tables };
}

describe('who is behind a room nick', () => {
  it('is what the presence said; a nick the room gave no JID for is nobody, without asking', async () => {
    const { o, asked } = setup();
    expect(await o.whois(ROOM, 'dana')).toBe('dana@h.example');
    expect(await o.whois(ROOM, 'paul')).toBe('');
    expect(asked).toEqual([]);
  });

  it('once the room shows JIDs (172): asks once again under her nick, and Paul is known from its answer', async () => {
    const { o, asked, tables } = setup();
    o.stale(ROOM);
    const paul = o.whois(ROOM, 'paul');
    const again = o.whois(ROOM, 'paul');
    expect(asked).toEqual([`${ROOM}/dana`]);
    o.seen(presence('paul', 'paul@h.example'));
    expect(await paul).toBe('paul@h.example');
    expect(await again).toBe('paul@h.example');
    expect(tables[ROOM]).toEqual({ paul: 'paul@h.example', dana: 'dana@h.example' });
  });

  it('a nick not seen yet: the room is asked; its list ending without the nick, or the nick leaving, is nobody', async () => {
    const { o, asked } = setup();
    const sam = o.whois(ROOM, 'sam');
    expect(asked).toEqual([`${ROOM}/dana`]);
    o.seen(presence('dana', 'dana@h.example', { self: true }));
    expect(await sam).toBe('');
    o.stale(ROOM);
    const paul = o.whois(ROOM, 'paul');
    o.seen(presence('paul', '', { left: true }));
    expect(await paul).toBe('');
  });
});
