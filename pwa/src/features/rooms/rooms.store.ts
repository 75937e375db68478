// Group rooms: create one, add and invite members, join when invited, talk.
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { Client } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import {
  bookmarkIq,
  bookmarksQuery,
  configureIq,
  parseBookmarks,
  groupchatStanza,
  inviteStanza,
  joinPresence,
  memberIq,
  parseGroupchat,
  parseInvite,
  parseOccupant,
  type RoomMessage,
} from './codec.ts';

export interface RoomLine extends RoomMessage {
  readonly mine: boolean;
}
export interface Room {
  readonly jid: string;
  name: string;
  lines: RoomLine[];
  /** nick → real JID */
  occupants: Record<string, string>;
  unread: number;
  joined: boolean;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 30) || 'room';

export const useRooms = defineStore('rooms', () => {
  const connection = useConnection();
  const rooms = reactive(new Map<string, Room>());
  const active = ref('');
  const error = ref('');
  let client: Client | null = null;
  /** Joins waiting for our own presence back (XEP-0045 §7.2.2, status 110). */
  const joining = new Map<string, (created: boolean) => void>();

  const nick = () => connection.me?.name || String(client?.jid ?? '').split('@')[0]!;

  function room(jid: string, name = ''): Room {
    if (!rooms.has(jid))
      rooms.set(jid, { jid, name: name || jid.split('@')[0]!, lines: [], occupants: {}, unread: 0, joined: false });
    const r = rooms.get(jid)!;
    if (name && r.name !== name) r.name = name;
    return r;
  }

  /** Joins and resolves when the room has us in (true if we created it). */
  function join(jid: string): Promise<boolean> {
    if (!client) return Promise.resolve(false);
    const done = new Promise<boolean>((resolve) => joining.set(jid, resolve));
    void client.send(joinPresence(jid, nick()));
    return done;
  }

  async function create(name: string, members: readonly string[]): Promise<string | undefined> {
    const c = connection.config;
    if (!client || !c || connection.state !== 'online') {
      error.value = 'You are offline. Create the room when you are back online.';
      return undefined;
    }
    error.value = '';
    const jid = `${slug(name)}-${crypto.randomUUID().slice(0, 6)}@${c.mucHost}`;
    room(jid, name.trim());
    try {
      if (await join(jid)) await request(client, configureIq(jid, name.trim()));
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
    if (client) await request(client, bookmarkIq(jid, name, nick())).catch(() => {});
  }

  async function send(jid: string, text: string): Promise<void> {
    const body = text.trim();
    if (!body || !client || connection.state !== 'online') return;
    await client.send(groupchatStanza(jid, body, crypto.randomUUID()));
  }

  connection.onReady(async (c, config) => {
    client = c;
    // A new stream: rejoin the rooms of this session and those bookmarked on other devices.
    const saved = await request(c, bookmarksQuery())
      .then((iq) => parseBookmarks(iq, config.mucHost))
      .catch(() => []);
    for (const b of saved) room(b.room, b.name);
    for (const r of rooms.values()) void join(r.jid);
  });
  connection.onLogout(() => {
    rooms.clear();
    joining.clear();
    client = null;
  });
  connection.onStanza((el) => {
    const c = connection.config;
    if (!c) return;
    const invite = parseInvite(el, c.domain, c.mucHost, c.opsHost);
    if (invite) {
      room(invite.room, invite.name);
      void join(invite.room).then(() => remember(invite.room, invite.name));
      return;
    }
    const occ = parseOccupant(el, c.mucHost);
    if (occ) {
      const r = room(occ.room);
      if (occ.left) delete r.occupants[occ.nick];
      else r.occupants[occ.nick] = occ.jid;
      if (occ.self && !occ.left) {
        r.joined = true;
        joining.get(occ.room)?.(occ.created);
        joining.delete(occ.room);
      }
      return;
    }
    const msg = parseGroupchat(el, c.mucHost);
    if (!msg) return;
    const r = room(msg.room);
    if (r.lines.some((l) => l.id === msg.id)) return; // history and live copies are one message
    r.lines.push({ ...msg, mine: msg.nick === nick() });
    if (active.value !== r.jid && msg.nick !== nick()) r.unread++;
  });

  function open(jid: string): void {
    active.value = jid;
    room(jid).unread = 0;
  }

  const list = computed(() => [...rooms.values()]);

  return { rooms, list, active, error, create, send, open, room };
});
