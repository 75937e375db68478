import { describe, expect, it } from 'vitest';
import { conversationItems } from './use-conversation-list.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString();
const names: Record<string, string> = { 'amara@h': 'Dr Amara Okafor', 'priya@h': 'Priya Shah' };
const nameOf = (jid: string) => names[jid] ?? jid;

const chatLine = (body: string, minute: number, retracted = false) => ({
  id: body,
  peer: 'amara@h',
  direction: 'in' as const,
  body,
  at: at(minute),
  archiveId: '',
  status: 'delivered' as const,
  edited: false,
  retracted,
});
const roomLine = (body: string, minute: number, from: string, mine = false) => ({
  room: 'ward@rooms.h',
  nick: 'nick',
  from,
  id: body,
  body,
  at: at(minute),
  archiveId: '',
  mine,
  status: 'delivered' as const,
  edited: false,
  retracted: false,
});

describe('the Chats list', () => {
  const chats = [
    { peer: 'amara@h', lines: [chatLine('On my way', 5)], unread: 2 },
    { peer: 'empty@h', lines: [], unread: 0 },
  ];
  const rooms = [
    { jid: 'ward@rooms.h', name: 'Ward 3', lines: [roomLine('Bed 7 is free', 9, 'priya@h')], unread: 1 },
    { jid: 'cardio@rooms.h', name: 'Cardiology', lines: [], unread: 0 },
    { jid: 'anaes@rooms.h', name: 'Anaesthesia', lines: [], unread: 0 },
  ];

  it('shows chats and rooms in one list, newest message first, rooms without messages after by name', () => {
    const items = conversationItems(chats, rooms, nameOf);
    expect(items.map((i) => i.name)).toEqual(['Ward 3', 'Dr Amara Okafor', 'Anaesthesia', 'Cardiology']);
    expect(items.map((i) => i.unread)).toEqual([1, 2, 0, 0]);
  });

  it('says who wrote the last message in a room, and opens each where it lives', () => {
    const [room, chat] = conversationItems(chats, rooms, nameOf);
    expect(room).toMatchObject({ kind: 'room', last: 'Priya Shah: Bed 7 is free', to: '/room/ward%40rooms.h' });
    expect(chat).toMatchObject({ kind: 'chat', last: 'On my way', to: '/chat/amara%40h' });
  });

  it('shows a retracted last message as retracted, never its text', () => {
    const retracted = [{ peer: 'amara@h', lines: [chatLine('Wrong patient', 5, true)], unread: 0 }];
    expect(conversationItems(retracted, [], nameOf)[0]!.last).toBe('Message retracted');
  });
});
