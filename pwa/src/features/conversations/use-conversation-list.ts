// The Chats tab's one list: 1:1 chats and rooms together, the newest message
// first, each with its unread count. Built here from the chat and room stores
// as they are, so that the message pipeline can later rewire this file alone.
import { computed } from 'vue';
import { instant } from '../../xmpp/stamp.ts';
import { useChat, type Conversation } from '../chat/chat.store.ts';
import { useDirectory } from '../directory/directory.store.ts';
import { useRooms, type Room } from '../rooms/rooms.store.ts';

export interface ConversationItem {
  readonly kind: 'chat' | 'room';
  /** The peer's or the room's bare JID. */
  readonly jid: string;
  /** Where the conversation opens. */
  readonly to: string;
  readonly name: string;
  /** The last message's text ('' if none); in a room, who wrote it first. */
  readonly last: string;
  /** ISO time of the last message, '' if none. */
  readonly at: string;
  readonly unread: number;
}

type ChatLike = Pick<Conversation, 'peer' | 'lines' | 'unread'>;
type RoomLike = Pick<Room, 'jid' | 'name' | 'lines' | 'unread'>;

/** Chats and rooms as one list, newest first; conversations without a message after, by name. */
export function conversationItems(
  chats: readonly ChatLike[],
  rooms: readonly RoomLike[],
  nameOf: (jid: string) => string,
): ConversationItem[] {
  const fromChats = chats
    .filter((c) => c.lines.length > 0)
    .map((c): ConversationItem => {
      const l = c.lines.at(-1)!;
      const last = l.retracted ? 'Message retracted' : l.body;
      const to = `/chat/${encodeURIComponent(c.peer)}`;
      return { kind: 'chat', jid: c.peer, to, name: nameOf(c.peer), last, at: l.at, unread: c.unread };
    });
  const fromRooms = rooms.map((r): ConversationItem => {
    const l = r.lines.at(-1);
    // "Amara: On my way", so the list shows who said it.
    const who = l && (l.mine ? 'You' : nameOf(l.from) || l.nick);
    const last = l ? `${who}: ${l.retracted ? 'message retracted' : l.body}` : '';
    const to = `/room/${encodeURIComponent(r.jid)}`;
    return { kind: 'room', jid: r.jid, to, name: r.name, last, at: l?.at ?? '', unread: r.unread };
  });
  return [...fromChats, ...fromRooms].sort((a, b) => instant(b.at) - instant(a.at) || a.name.localeCompare(b.name));
}

export function useConversationList() {
  const chat = useChat();
  const rooms = useRooms();
  const directory = useDirectory();
  const items = computed(() => conversationItems(chat.list, rooms.list, directory.nameOf));
  /** Unread messages in all conversations, for the Chats tab. */
  const unread = computed(() => items.value.reduce((n, c) => n + c.unread, 0));
  return { items, unread };
}
