// The Chats tab's one list: 1:1 chats and rooms together, the newest message
// first, each with its unread count. Both are conversations of one shape
// (features/messages); the chat and room stores say which to list.
import { computed } from 'vue';
import { instant } from '../../xmpp/stamp.ts';
import { useChat } from '../chat/index.ts';
import { preview, type Conversation } from '../messages/index.ts';
import { useDirectory } from '../directory/index.ts';
import { useRooms } from '../rooms/index.ts';

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
  /**
   * Its mark in the list (issue #11): 'encrypted' (a lock) for a room that can be
   * end-to-end encrypted or a chat whose last message was; 'plain' ("not
   * encrypted") for an open or semi-anonymous room, or a chat whose last message
   * went in the clear; '' while unknown (a room that has not said, a chat with
   * the operations service, whose messages the server reads by design).
   */
  readonly encryption: 'encrypted' | 'plain' | '';
}

type Listed = Pick<Conversation, 'jid' | 'type' | 'name' | 'lines' | 'unread'>;

const markOf = (encrypted: boolean | undefined) => (encrypted === undefined ? '' : encrypted ? 'encrypted' : 'plain');
const chatMark = (security: string | undefined) => (security === 'encrypted' || security === 'plain' ? security : '');

/** Chats and rooms as one list, newest first; conversations without a message after, by name. */
export function conversationItems(
  conversations: readonly Listed[],
  nameOf: (jid: string) => string,
  roomEncrypted: (jid: string) => boolean | undefined = () => undefined,
): ConversationItem[] {
  return conversations
    .filter((c) => c.type === 'groupchat' || c.lines.length > 0)
    .map((c): ConversationItem => {
      const l = c.lines.at(-1);
      const room = c.type === 'groupchat';
      const text = !l ? '' : l.retracted ? (room ? 'message retracted' : 'Message retracted') : preview(l.content);
      // "Amara: On my way", so the list shows who said it.
      const who = l && (l.mine ? 'You' : l.from ? nameOf(l.from) : l.nick);
      const last = room && l ? `${who}: ${text}` : text;
      const kind = room ? 'room' : 'chat';
      const to = `/${kind}/${encodeURIComponent(c.jid)}`;
      const name = room ? c.name : nameOf(c.jid);
      const encryption = room ? markOf(roomEncrypted(c.jid)) : chatMark(l?.security);
      return { kind, jid: c.jid, to, name, last, at: l?.at ?? '', unread: c.unread, encryption };
    })
    .sort((a, b) => instant(b.at) - instant(a.at) || a.name.localeCompare(b.name));
}

export function useConversationList() {
  const chat = useChat();
  const rooms = useRooms();
  const directory = useDirectory();
  const items = computed(() => conversationItems([...chat.list, ...rooms.list], directory.nameOf, rooms.encrypted));
  /** Unread messages in all conversations, for the Chats tab. */
  const unread = computed(() => items.value.reduce((n, c) => n + c.unread, 0));
  return { items, unread };
}
