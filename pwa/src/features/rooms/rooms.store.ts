// Group rooms: create one, add and invite members, join when invited, and
// know who is in each. Their conversations (history from the room's archive,
// messages written offline, markers, corrections) are the messages
// feature's; this store tells it when a room has the user in, and who is
// behind each nick (the rooms are non-anonymous).
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { Client, XmlElement } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { instant } from '../../xmpp/stamp.ts';
import { request } from '../../xmpp/session.ts';
import { useMessages, type Conversation } from '../messages/index.ts';
import {
  bookmarkIq,
  bookmarksQuery,
  configureIq,
  forgetBookmarkIq,
  inviteStanza,
  joinPresence,
  memberIq,
  parseBookmarks,
  parseConfigChange,
  parseInvite,
  parseJoinError,
  parseOccupant,
  parseRoomName,
  parseRoomPrivacy,
  roomInfoQuery,
} from './codec.ts';
import { joiner, nickFor } from './joining.ts';
import { createOccupants } from './occupants.ts';
import { encryptable, type RoomPrivacy } from './privacy.ts';

export interface Room {
  readonly jid: string;
  /** nick → real bare JID (the rooms are non-anonymous). */
  occupants: Record<string, string>;
  joined: boolean;
  /** Why we could not get in, in words for the user; '' when fine. */
  problem: string;
  /** What the room says of itself (members-only, non-anonymous); undefined until it answered. */
  privacy?: RoomPrivacy;
  /** The room lets us read, not write (we are a visitor in it: a retired department room, a resolved incident). */
  readOnly?: boolean;
}

const NOT_A_MEMBER = 'You are not a member of this room any more. Ask its owner to add you again.';
/** Refusals (XEP-0045 §7.2) in words for the user. */
const REFUSED: Record<string, string> = {
  'registration-required': NOT_A_MEMBER,
  forbidden: 'You are banned from this room.',
  conflict: 'Someone else in this room uses your name. Tell IT.',
};

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30) || 'room';

export const useRooms = defineStore('rooms', () => {
  const connection = useConnection();
  const messages = useMessages();
  const rooms = reactive(new Map<string, Room>());
  const error = ref('');
  /** This stream has read the user's rooms (bookmarks): a room not among them now is none of theirs. */
  const listed = ref(false);
  let client: Client | null = null;
  const joins = joiner(
    () => client,
    () => connection.account,
  );
  const online = () => !!client && connection.state === 'online';

  const occupants = createOccupants(
    (jid) => rooms.get(jid)?.occupants,
    (jid, nick) => void client?.send(joinPresence(jid, nick)).catch(() => {}),
  );
  messages.identify(occupants.known, occupants.whois);

  function room(jid: string, name = ''): Room {
    if (!rooms.has(jid)) rooms.set(jid, { jid, occupants: {}, joined: false, problem: '' });
    const c = messages.conversation(jid, 'groupchat');
    if (name) c.name = name;
    else c.name ||= jid.split('@')[0]!;
    return rooms.get(jid)!;
  }

  async function create(name: string, members: readonly string[]): Promise<string | undefined> {
    const c = connection.config;
    if (!client || !c || !online()) {
      error.value = 'You are offline. Create the room when you are back online.';
      return undefined;
    }
    error.value = '';
    const jid = `${slug(name)}-${crypto.randomUUID().slice(0, 6)}@${c.mucHost}`;
    room(jid, name.trim());
    try {
      if ((await joins.join(jid)) === 'created') {
        await request(client, configureIq(jid, name.trim()));
        learnRoom(jid);
      }
      for (const m of members) await request(client, memberIq(jid, m));
      for (const m of members) await client.send(inviteStanza(m, jid, name.trim()));
      await remember(jid, name.trim());
      return jid;
    } catch {
      error.value = 'The room could not be set up. Try again; if it keeps failing, tell IT.';
      return undefined;
    }
  }

  /** XEP-0402: the room list follows the user to every device and reload. */
  async function remember(jid: string, name: string): Promise<void> {
    if (client) await request(client, bookmarkIq(jid, name, nickFor(connection.account))).catch(() => {});
  }

  /**
   * Reads the room's features and name again: on the way in, and when the room says they changed. A new name
   * (a department renamed) shows at once and goes to the bookmark, so every device and the next sign-in have it.
   */
  function learnRoom(jid: string): void {
    const c = client;
    if (!c) return;
    void request(c, roomInfoQuery(jid))
      .then((iq) => {
        room(jid).privacy = parseRoomPrivacy(iq);
        const name = parseRoomName(iq);
        if (!name || name === messages.conversation(jid, 'groupchat').name) return;
        room(jid, name);
        void remember(jid, name);
      })
      .catch(() => {});
  }

  function join(jid: string): void {
    void joins.join(jid);
  }

  connection.onReady(async (c, config) => {
    client = c;
    // A new stream: rejoin the rooms of this session and those bookmarked on other devices.
    const saved = await request(c, bookmarksQuery())
      .then((iq) => parseBookmarks(iq, config.mucHost))
      .catch(() => []);
    for (const b of saved) room(b.room, b.name);
    listed.value = true;
    for (const r of rooms.values()) {
      r.joined = false;
      messages.left(r.jid);
      join(r.jid);
    }
  });
  connection.onLogout(() => {
    occupants.clear();
    rooms.clear();
    listed.value = false;
    joins.clear();
    client = null;
  });

  /** The room refused us: another nick on a conflict, else say why instead of waiting. */
  function refused(el: XmlElement, mucHost: string): boolean {
    const e = parseJoinError(el, mucHost);
    if (!e || !rooms.has(e.room)) return false;
    if (joins.refused(e.room, e.condition)) return true;
    const r = room(e.room);
    r.joined = false;
    messages.left(r.jid);
    r.problem = REFUSED[e.condition] ?? `This room could not be entered (${e.condition}). Try again later.`;
    return true;
  }

  function onPresence(el: XmlElement, mucHost: string): boolean {
    if (refused(el, mucHost)) return true;
    const occ = parseOccupant(el, mucHost);
    if (!occ) return false;
    const r = room(occ.room);
    occupants.seen(occ);
    if (!occ.self) return true;
    const wasIn = r.joined;
    r.joined = !occ.left;
    if (occ.left) {
      messages.left(r.jid);
      if (occ.removed) {
        // The owner or the directory (department rooms) took the membership away: say so, and
        // forget the room on every device so that it does not come back at the next sign-in.
        r.problem = 'You are no longer a member of this room.';
        if (client) void request(client, forgetBookmarkIq(occ.room)).catch(() => {});
      }
      return true;
    }
    r.problem = '';
    // Our own presence comes again when the room changes our role (read-only set or lifted while we are in).
    r.readOnly = occ.visitor;
    joins.entered(occ.room, occ.created);
    // The room repeats our presence when it changes: catch up only on the way in.
    if (!wasIn) {
      void messages.entered(occ.room, occ.created);
      learnRoom(occ.room);
    }
    return true;
  }

  connection.onStanza((el) => {
    const c = connection.config;
    if (!c) return;
    const invite = parseInvite(el, c.domain, c.mucHost, c.opsHost);
    if (invite) {
      room(invite.room, invite.name);
      // The name as it stands then: the room's own, when it was read on the way in.
      void joins
        .join(invite.room)
        .then(() => remember(invite.room, messages.conversation(invite.room, 'groupchat').name));
      return;
    }
    const changed = parseConfigChange(el, c.mucHost);
    if (changed) {
      occupants.stale(changed);
      return learnRoom(changed);
    }
    onPresence(el, c.mucHost);
  });

  /** Most recent conversation first; rooms without messages after, by name; not the rooms that let us go. */
  const list = computed(() =>
    [...rooms.values()]
      .filter((r) => r.joined || !r.problem || r.jid === messages.active)
      .map((r) => messages.conversation(r.jid, 'groupchat'))
      .sort((a: Conversation, b: Conversation) => {
        const at = (c: Conversation) => instant(c.lines.at(-1)?.at ?? '');
        return at(b) - at(a) || a.name.localeCompare(b.name);
      }),
  );

  /** Whether the room can be end-to-end encrypted; undefined until it said (the Chats list marks it). */
  const encrypted = (jid: string): boolean | undefined => {
    const p = rooms.get(jid)?.privacy;
    return p && encryptable(p);
  };

  return { rooms, listed, list, error, create, room, encrypted };
});
