import { describe, expect, it } from 'vitest';
import type { Line } from '../messages/index.ts';
import { conversationItems } from './use-conversation-list.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 30, 8, minute)).toISOString();
const names: Record<string, string> = { 'amara@h': 'Dr Amara Okafor', 'priya@h': 'Priya Shah' };
const nameOf = (jid: string) => names[jid] ?? jid;

const line = (body: string, minute: number, from: string, o: Partial<Line> = {}): Line => ({
  id: body,
  content: { kind: 'text', body },
  from,
  nick: 'nick',
  mine: false,
  at: at(minute),
  archiveId: '',
  status: 'delivered',
  edited: false,
  retracted: false,
  security: 'plain',
  ...o,
});
const chat = (jid: string, lines: Line[], unread = 0) => ({ jid, type: 'chat' as const, name: '', lines, unread });
const room = (jid: string, name: string, lines: Line[], unread = 0) => ({
  jid,
  type: 'groupchat' as const,
  name,
  lines,
  unread,
});

describe('the Chats list', () => {
  const conversations = [
    chat('amara@h', [line('On my way', 5, 'amara@h')], 2),
    chat('empty@h', []),
    room('ward@rooms.h', 'Ward 3', [line('Bed 7 is free', 9, 'priya@h')], 1),
    room('cardio@rooms.h', 'Cardiology', []),
    room('anaes@rooms.h', 'Anaesthesia', []),
  ];

  it('shows chats and rooms in one list, newest message first, rooms without messages after by name', () => {
    const items = conversationItems(conversations, nameOf);
    expect(items.map((i) => i.name)).toEqual(['Ward 3', 'Dr Amara Okafor', 'Anaesthesia', 'Cardiology']);
    expect(items.map((i) => i.unread)).toEqual([1, 2, 0, 0]);
  });

  it('says who wrote the last message in a room, and opens each where it lives', () => {
    const [r, c] = conversationItems(conversations, nameOf);
    expect(r).toMatchObject({ kind: 'room', last: 'Priya Shah: Bed 7 is free', to: '/room/ward%40rooms.h' });
    expect(c).toMatchObject({ kind: 'chat', last: 'On my way', to: '/chat/amara%40h' });
  });

  it('shows a retracted last message as retracted, never its text', () => {
    const retracted = [chat('amara@h', [line('Wrong patient', 5, 'amara@h', { retracted: true })])];
    expect(conversationItems(retracted, nameOf)[0]!.last).toBe('Message retracted');
  });

  it('shows a message written to a role as such, from its real sender', () => {
    const delivery = line('x', 5, 'priya@h', {
      content: { kind: 'role-delivery', id: 'd1', role: 'cardiology', sender: 'priya@h', body: 'ECG in bay 3' },
    });
    expect(conversationItems([chat('priya@h', [delivery])], nameOf)[0]).toMatchObject({
      name: 'Priya Shah',
      last: 'To on-duty cardiology: ECG in bay 3',
    });
  });

  it('marks encrypted conversations with a lock and the others "not encrypted", rooms by what they said', () => {
    const locked = line('Bed 7', 5, 'amara@h', { security: 'encrypted' });
    const open = line('Tea at 3', 6, 'priya@h', { security: 'plain' });
    const fromOps = line('Code Blue', 7, 'ops.h', { security: 'server' });
    const said: Record<string, boolean> = { 'ward@rooms.h': true, 'open@rooms.h': false };
    const marks = conversationItems(
      [
        chat('amara@h', [locked]),
        chat('priya@h', [open]),
        chat('ops.h', [fromOps]),
        room('ward@rooms.h', 'Ward 3', []),
        room('open@rooms.h', 'Open room', []),
        room('new@rooms.h', 'Not said yet', []),
      ],
      nameOf,
      (jid) => said[jid],
    ).map((i) => [i.jid, i.encryption]);
    expect(Object.fromEntries(marks)).toEqual({
      'amara@h': 'encrypted',
      'priya@h': 'plain',
      'ops.h': '',
      'ward@rooms.h': 'encrypted',
      'open@rooms.h': 'plain',
      'new@rooms.h': '',
    });
  });
});
