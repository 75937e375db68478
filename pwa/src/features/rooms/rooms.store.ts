// Group rooms: create one, add and invite members, join when invited, talk.
// History comes from the room's archive (XEP-0313), paged backwards on scroll
// and forwards to catch up after a reconnect. Messages written offline wait
// in the same IndexedDB outbox as 1:1 chats and go out once the room has us.
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { Client, XmlElement } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { instant } from '../../xmpp/stamp.ts';
import { request } from '../../xmpp/session.ts';
import { chatStateStanza, correctionStanza, displayedStanza, retractionStanza } from '../chat/codec.ts';
import { typingSender, typingShown } from '../chat/typing.ts';
import { mamQuery, parseFin } from '../chat/mam.ts';
import { openOutbox, type Outbox, type Pending } from '../chat/outbox.ts';
import { Sending } from '../chat/sending.ts';
import {
  bookmarkIq,
  bookmarksQuery,
  configureIq,
  forgetBookmarkIq,
  parseBookmarks,
  groupchatStanza,
  inviteStanza,
  joinPresence,
  memberIq,
  parseInvite,
  parseOccupant,
  parseRoomEvent,
  type RoomEvent,
  type RoomMessage,
} from './codec.ts';
import { applyRoomEdit, insertByTime, type RoomEdit } from './lines.ts';

/**
 * pending: kept on this device; sent: the server has it (XEP-0198 ack);
 * delivered: the room passed it to its members (we got the room's copy back).
 * Receipts (XEP-0184) are not used in rooms (§5.3); who read what comes from
 * members' read markers (XEP-0333), in Room.readUpTo.
 */
export type RoomStatus = 'pending' | 'sent' | 'delivered';

export interface RoomLine extends RoomMessage {
  readonly mine: boolean;
  status: RoomStatus;
  edited: boolean;
  retracted: boolean;
}
export interface Room {
  readonly jid: string;
  name: string;
  lines: RoomLine[];
  /** nick → real bare JID (the rooms are non-anonymous) */
  occupants: Record<string, string>;
  unread: number;
  joined: boolean;
  /** Why we could not get in, in words for the user; '' when fine. */
  problem: string;
  historyComplete: boolean;
  /** Archive ids of the oldest and newest message shown: page back from one, catch up from the other. */
  oldestArchiveId: string;
  newestArchiveId: string;
  /** Member's real bare JID → id of the newest message they have seen (XEP-0333 covers all before it). */
  readUpTo: Record<string, string>;
  /** Nicks of the members typing now (XEP-0085). */
  typing: string[];
}

const PAGE = 30;
const JOIN_TIMEOUT_MS = 15_000;
const MARKER_DELAY_MS = 1500;
/** Archive pages read at most per scroll: markers and edits can fill a page without a message. */
const MAX_PAGES_PER_LOAD = 5;

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
  let outbox: Outbox | null = null;
  /** Joins waiting for our own presence back (XEP-0045 §7.2.2, status 110). */
  const joining = new Map<string, (created: boolean) => void>();
  /** Archive pages being received, by query id. */
  const pages = new Map<string, RoomEvent[]>();
  /** Corrections and retractions whose message is not loaded yet, by its id. */
  const edits = new Map<string, RoomEdit>();
  const sending = new Sending(() => outbox);
  /** The last read marker we sent, by room, so that each is sent once. */
  const markerSent = new Map<string, string>();

  /** Features told of each new message from someone else (notifications). */
  const incomingHooks: ((r: Room, line: RoomLine) => void)[] = [];
  const onIncoming = (hook: (r: Room, line: RoomLine) => void) => incomingHooks.push(hook);
  const typingIn = typingShown((jid, nick, on) => {
    const r = room(jid);
    r.typing = on ? [...new Set([...r.typing, nick])] : r.typing.filter((n) => n !== nick);
  });
  const typingOut = typingSender((jid, state) => {
    if (online() && rooms.get(jid)?.joined) void client!.send(chatStateStanza(jid, state, 'groupchat')).catch(() => {});
  });

  const me = () => connection.me?.jid ?? String(client?.jid?.bare() ?? '');
  const nick = () => connection.me?.name || String(client?.jid ?? '').split('@')[0]!;
  const online = () => !!client && connection.state === 'online';

  function room(jid: string, name = ''): Room {
    if (!rooms.has(jid))
      rooms.set(jid, {
        jid,
        name: name || jid.split('@')[0]!,
        lines: [],
        occupants: {},
        unread: 0,
        joined: false,
        problem: '',
        historyComplete: false,
        oldestArchiveId: '',
        newestArchiveId: '',
        readUpTo: {},
        typing: [],
      });
    const r = rooms.get(jid)!;
    if (name && r.name !== name) r.name = name;
    return r;
  }

  /** The sender's real JID: from the archive, else from the room's presence. */
  const senderOf = (r: Room, ev: { nick: string; from: string }) => ev.from || r.occupants[ev.nick] || '';

  function toLine(r: Room, m: RoomMessage, status: RoomStatus): RoomLine {
    const from = senderOf(r, m);
    const mine = from ? from === me() : m.nick === nick();
    return { ...m, from, mine, status, edited: false, retracted: false };
  }

  function pendingLine(r: Room, p: Pending): RoomLine {
    return toLine(
      r,
      { room: r.jid, nick: nick(), from: me(), id: p.id, body: p.body, at: p.at, archiveId: '' },
      'pending',
    );
  }

  /** Adds a message once (ids are origin-ids); our own copy back from the room means delivered. */
  function add(r: Room, m: RoomMessage): RoomLine | undefined {
    const existing = r.lines.find((l) => l.id === m.id || (m.archiveId && l.archiveId === m.archiveId));
    if (existing) {
      if (m.archiveId && !existing.archiveId) Object.assign(existing, { archiveId: m.archiveId });
      if (existing.mine) existing.status = 'delivered';
      return undefined;
    }
    const line = insertByTime(r.lines, toLine(r, m, 'delivered'));
    const edit = edits.get(line.id);
    if (edit && applyRoomEdit(r.lines, edit)) edits.delete(line.id);
    return line;
  }

  /** Joins and resolves when the room has us in (true if we created it); false if it refused or did not answer. */
  function join(jid: string): Promise<boolean> {
    if (!client) return Promise.resolve(false);
    const done = new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        joining.delete(jid);
        resolve(false);
      }, JOIN_TIMEOUT_MS);
      joining.set(jid, (created) => {
        clearTimeout(timer);
        resolve(created);
      });
    });
    void client.send(joinPresence(jid, nick())).catch(() => {});
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
    const r = room(jid, name.trim());
    try {
      if (await join(jid)) await request(client, configureIq(jid, name.trim()));
      for (const m of members) await request(client, memberIq(jid, m));
      for (const m of members) await client.send(inviteStanza(m, jid, name.trim()));
      await remember(jid, name.trim());
      r.historyComplete = true; // a new room has no history
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

  /** Shown at once and kept in the outbox; sent now if the room has us, else once it does. */
  async function send(jid: string, text: string): Promise<void> {
    const body = text.trim();
    if (!body || !outbox) return;
    typingOut.sent();
    const r = room(jid);
    const pending: Pending = {
      id: crypto.randomUUID(),
      owner: me(),
      peer: jid,
      type: 'groupchat',
      body,
      at: new Date().toISOString(),
    };
    insertByTime(r.lines, pendingLine(r, pending));
    const stored = sending.keep(pending);
    const c = client;
    if (c && online() && r.joined) await sending.send(pending.id, () => c.send(groupchatStanza(jid, body, pending.id)));
    await stored;
  }

  /** Sends what waits for this room, oldest first, once per stream. */
  async function flush(jid: string): Promise<void> {
    if (!outbox || !online() || !rooms.get(jid)?.joined) return;
    const c = client!;
    for (const p of await outbox.all())
      if (p.type === 'groupchat' && p.peer === jid)
        await sending.send(p.id, () => c.send(groupchatStanza(jid, p.body, p.id)));
  }

  function own(jid: string, id: string): RoomLine | undefined {
    return rooms.get(jid)?.lines.find((l) => l.id === id && l.mine && !l.retracted);
  }

  /** XEP-0308 in a room: members see the new text. */
  async function correct(jid: string, id: string, text: string): Promise<void> {
    const line = own(jid, id);
    const body = text.trim();
    if (!line || !body || !online()) return;
    await client!.send(correctionStanza(jid, body, id, crypto.randomUUID(), 'groupchat'));
    Object.assign(line, { body, edited: true });
  }

  /** XEP-0424 in a room, by origin-id: members see that it was retracted. */
  async function retract(jid: string, id: string): Promise<void> {
    const line = own(jid, id);
    if (!line || !online()) return;
    await client!.send(retractionStanza(jid, id, crypto.randomUUID(), 'groupchat'));
    Object.assign(line, { body: '', retracted: true });
  }

  /**
   * Tells the room we have seen its newest message from someone else (XEP-0333).
   * Prosody archives markers (so who-read survives a reload), so a burst of
   * messages gets one marker, for the last, after MARKER_DELAY_MS.
   */
  const markerTimers = new Map<string, ReturnType<typeof setTimeout>>();
  function markRead(jid: string): void {
    const r = rooms.get(jid);
    if (!r) return;
    r.unread = 0;
    if (markerTimers.has(jid)) return;
    markerTimers.set(
      jid,
      setTimeout(() => {
        markerTimers.delete(jid);
        const last = [...r.lines].reverse().find((l) => !l.mine);
        if (!last || !online() || !r.joined || document.visibilityState !== 'visible') return;
        if (markerSent.get(jid) === last.id) return;
        markerSent.set(jid, last.id);
        void client!.send(displayedStanza(jid, last.id, 'groupchat')).catch(() => {});
      }, MARKER_DELAY_MS),
    );
  }

  /** Runs one archive query against the room and returns its events in archive order. */
  async function query(jid: string, page: { before?: string; after?: string }) {
    const queryid = crypto.randomUUID();
    const events: RoomEvent[] = [];
    pages.set(queryid, events);
    try {
      const fin = parseFin(await request(client!, mamQuery({ queryid, to: jid, max: PAGE, ...page })));
      return { fin, events };
    } finally {
      pages.delete(queryid);
    }
  }

  /** The page before the oldest message shown, or the newest page the first time; skips pages of markers only. */
  const loadingOlder = new Set<string>();
  async function loadOlder(jid: string): Promise<void> {
    const r = room(jid);
    if (!online() || r.historyComplete || loadingOlder.has(jid)) return;
    loadingOlder.add(jid);
    try {
      for (let n = 0, shown = 0; n < MAX_PAGES_PER_LOAD && shown === 0 && !r.historyComplete; n++) {
        const { fin, events } = await query(jid, { before: r.oldestArchiveId });
        shown = olderPage(r, events);
        if (!fin) return;
        r.historyComplete = fin.complete || !fin.first;
        if (fin.first) r.oldestArchiveId = fin.first;
        if (fin.last && !r.newestArchiveId) r.newestArchiveId = fin.last;
      }
    } catch {
      r.problem = 'Earlier messages could not be loaded. Scroll up to try again.';
    } finally {
      loadingOlder.delete(jid);
    }
  }

  /** Puts an older page in front, in archive order (stamps have one-second precision); returns how many messages it showed. */
  function olderPage(r: Room, events: RoomEvent[]): number {
    const known = new Set(r.lines.flatMap((l) => [l.id, l.archiveId]));
    const older: RoomMessage[] = [];
    for (const e of events) {
      if (e.kind !== 'message' || known.has(e.message.id) || known.has(e.message.archiveId)) continue;
      known.add(e.message.id); // a resend after a lost ack is archived twice under one origin-id
      older.push(e.message);
    }
    r.lines.unshift(...older.map((m) => toLine(r, m, 'delivered')));
    for (const m of older) {
      const waiting = edits.get(m.id);
      if (waiting && applyRoomEdit(r.lines, waiting)) edits.delete(m.id);
    }
    // A newer marker already seen wins over an older one from this page.
    const newer = { ...r.readUpTo };
    for (const e of events) if (e.kind !== 'message') edit(r, e);
    Object.assign(r.readUpTo, newer);
    return older.length;
  }

  /** After a reconnect: what the room archived since the newest message we have, page by page. */
  async function catchUp(jid: string): Promise<void> {
    const r = room(jid);
    if (!r.newestArchiveId) return loadOlder(jid);
    for (let more = true; more && online();) {
      const { fin, events } = await query(jid, { after: r.newestArchiveId });
      for (const e of events) {
        if (e.kind !== 'message') {
          edit(r, e);
          continue;
        }
        const line = add(r, e.message);
        if (line && !line.mine && active.value !== jid) r.unread++;
      }
      if (fin?.last) r.newestArchiveId = fin.last;
      more = !!fin && !fin.complete && !!fin.last;
    }
    if (active.value === jid) markRead(jid);
  }

  /** Corrections, retractions and read markers; an edit by anyone but the sender is ignored. */
  function edit(r: Room, e: RoomEvent): void {
    if (e.kind === 'displayed') {
      const who = senderOf(r, e);
      if (who && who !== me()) r.readUpTo[who] = e.id;
      return;
    }
    if (e.kind !== 'correction' && e.kind !== 'retraction') return;
    const change: RoomEdit = { ...e, from: senderOf(r, e), body: e.kind === 'correction' ? e.body : '' };
    if (!applyRoomEdit(r.lines, change)) edits.set(e.id, change);
  }

  async function entered(jid: string): Promise<void> {
    await flush(jid);
    await catchUp(jid).catch(() => {});
  }

  connection.onReady(async (c, config) => {
    client = c;
    sending.reset();
    markerSent.clear();
    outbox ??= await openOutbox(me());
    // A new stream: rejoin the rooms of this session and those bookmarked on other devices.
    const saved = await request(c, bookmarksQuery())
      .then((iq) => parseBookmarks(iq, config.mucHost))
      .catch(() => []);
    for (const b of saved) room(b.room, b.name);
    // After a reload, show what is still waiting as pending.
    for (const p of await outbox.all()) {
      const r = p.type === 'groupchat' ? room(p.peer) : undefined;
      if (r && !r.lines.some((l) => l.id === p.id)) insertByTime(r.lines, pendingLine(r, p));
    }
    for (const r of rooms.values()) {
      r.joined = false;
      void join(r.jid);
    }
  });
  // A resumed stream kept us in every room: send what was written meanwhile.
  connection.onResumed(() => {
    for (const r of rooms.values()) void flush(r.jid);
  });
  connection.onDelivery((outcome, stanza: XmlElement) => {
    const id = sending.settle(outcome, stanza);
    if (!id) return;
    const line = rooms.get(stanza.attrs.to ?? '')?.lines.find((l) => l.id === id);
    if (line?.status === 'pending') line.status = 'sent';
  });
  connection.onLogout(() => {
    for (const t of markerTimers.values()) clearTimeout(t);
    markerTimers.clear();
    typingIn.clear();
    rooms.clear();
    joining.clear();
    pages.clear();
    edits.clear();
    sending.reset();
    markerSent.clear();
    client = null;
    outbox = null;
  });

  function onPresence(el: XmlElement, mucHost: string): boolean {
    const from = (el.attrs.from ?? '').split('/')[0]!.toLowerCase();
    if (el.name === 'presence' && el.attrs.type === 'error' && rooms.has(from)) {
      // Not (or no longer) a member: say so instead of waiting.
      const r = room(from);
      r.joined = false;
      r.problem = 'You are not a member of this room any more. Ask its owner to add you again.';
      joining.get(from)?.(false);
      joining.delete(from);
      return true;
    }
    const occ = parseOccupant(el, mucHost);
    if (!occ) return false;
    const r = room(occ.room);
    if (occ.left) delete r.occupants[occ.nick];
    else r.occupants[occ.nick] = occ.jid;
    if (occ.self) {
      const wasIn = r.joined;
      r.joined = !occ.left;
      if (occ.removed) {
        // The owner or the directory (department rooms) took the membership away: say so, and
        // forget the room on every device so that it does not come back at the next sign-in.
        r.problem = 'You are no longer a member of this room.';
        if (client) void request(client, forgetBookmarkIq(occ.room)).catch(() => {});
      }
      if (occ.left) return true;
      r.problem = '';
      joining.get(occ.room)?.(occ.created);
      joining.delete(occ.room);
      // The room repeats our presence when it changes: catch up only on the way in.
      if (!occ.created && !wasIn) void entered(occ.room);
    }
    return true;
  }

  connection.onStanza((el) => {
    const c = connection.config;
    if (!c) return;
    const invite = parseInvite(el, c.domain, c.mucHost, c.opsHost);
    if (invite) {
      room(invite.room, invite.name);
      void join(invite.room).then(() => remember(invite.room, invite.name));
      return;
    }
    if (onPresence(el, c.mucHost)) return;
    const ev = parseRoomEvent(el, c.mucHost);
    if (!ev) return;
    if (ev.queryid) return void pages.get(ev.queryid)?.push(ev);
    const r = room(ev.room);
    if (ev.kind === 'chatstate') {
      if (ev.nick !== nick()) typingIn.show(r.jid, ev.nick, ev.state);
      return;
    }
    if (ev.kind !== 'message') return edit(r, ev);
    if (r.typing.includes(ev.nick)) typingIn.show(r.jid, ev.nick, 'active');
    if (ev.message.archiveId) r.newestArchiveId = ev.message.archiveId;
    const line = add(r, ev.message);
    if (!line || line.mine) return;
    if (active.value === r.jid && document.visibilityState === 'visible') markRead(r.jid);
    else r.unread++;
    for (const hook of incomingHooks) hook(r, line);
  });

  function open(jid: string): void {
    active.value = jid;
    const r = room(jid);
    r.unread = 0;
    if (r.joined && !r.oldestArchiveId && !r.historyComplete) void loadOlder(jid).then(() => markRead(jid));
    else markRead(jid);
  }

  function close(): void {
    active.value = '';
  }

  function typed(jid: string): void {
    typingOut.typed(jid);
  }

  /** Most recent conversation first; rooms without messages after, by name; not the rooms that let us go. */
  const list = computed(() =>
    [...rooms.values()]
      .filter((r) => r.joined || !r.problem || r.jid === active.value)
      .sort((a, b) => {
        const at = (r: Room) => instant(r.lines.at(-1)?.at ?? '');
        return at(b) - at(a) || a.name.localeCompare(b.name);
      }),
  );

  return {
    rooms,
    list,
    active,
    error,
    create,
    send,
    correct,
    retract,
    typed,
    open,
    close,
    loadOlder,
    room,
    onIncoming,
  };
});
