import { describe, expect, it } from 'vitest';
import { applyRoomEdit, insertByTime } from './lines.ts';
import type { RoomLine } from './rooms.store.ts';

const line = (id: string, at: string, from = 'amara@h.example', nick = 'Amara'): RoomLine => ({
  room: 'ward@conference.h.example',
  nick,
  from,
  id,
  body: `text ${id}`,
  at,
  archiveId: '',
  mine: false,
  status: 'delivered',
  edited: false,
  retracted: false,
});

describe('room lines', () => {
  it('keeps messages in time order', () => {
    const lines = [line('a', '2026-11-20T08:00:00Z'), line('c', '2026-11-20T08:02:00Z')];
    insertByTime(lines, line('b', '2026-11-20T08:01:00Z'));
    insertByTime(lines, line('d', '2026-11-20T08:03:00Z'));
    expect(lines.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lets only the sender correct or retract, by real JID, even under the same nick', () => {
    const lines = [line('a', 'T')];
    const edit = { kind: 'correction' as const, id: 'a', nick: 'Amara', body: 'forged' };
    expect(applyRoomEdit(lines, { ...edit, from: 'mallory@h.example' })).toBe(true);
    expect(lines[0]).toMatchObject({ body: 'text a', edited: false });
    applyRoomEdit(lines, { ...edit, from: 'amara@h.example', body: 'Bed 5, not 4' });
    expect(lines[0]).toMatchObject({ body: 'Bed 5, not 4', edited: true });
    applyRoomEdit(lines, { ...edit, kind: 'retraction', from: 'amara@h.example', body: '' });
    expect(lines[0]).toMatchObject({ body: '', retracted: true });
    expect(applyRoomEdit(lines, { ...edit, id: 'not-loaded-yet', from: 'amara@h.example' })).toBe(false);
  });
});

describe('room lines across archive and live stamps', () => {
  it('orders by instant, not by the characters of the stamp', () => {
    const lines = [line('archived', '2026-11-20T08:00:15Z')];
    insertByTime(lines, line('live-later', '2026-11-20T08:00:15.500Z'));
    insertByTime(lines, line('live-earlier', '2026-11-20T08:00:14.900Z'));
    expect(lines.map((l) => l.id)).toEqual(['live-earlier', 'archived', 'live-later']);
  });
});
