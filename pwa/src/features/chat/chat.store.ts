// 1:1 conversations: live messages, carbons, archive history, receipts and
// read markers. Message text stays text; ChatMessageText.vue renders it safely.
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { Client } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { instant } from '../../xmpp/stamp.ts';
import { request } from '../../xmpp/session.ts';
import {
  chatStanza,
  chatStateStanza,
  correctionStanza,
  displayedStanza,
  enableCarbons,
  parseChat,
  receiptStanza,
  retractionStanza,
  type ChatMessage,
} from './codec.ts';
import { mamQuery, parseFin, type MamRequest } from './mam.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { Sending } from './sending.ts';
import { typingSender, typingShown } from './typing.ts';
import { parseDelivered } from '../roles/codec.ts';

export type Status = 'pending' | 'sent' | 'delivered' | 'displayed';
export interface Line extends ChatMessage {
  status: Status;
  /** XEP-0308: the text was corrected by its sender. */
  edited: boolean;
  /** XEP-0424: the sender retracted it; the text is gone. */
  retracted: boolean;
}
export interface Conversation {
  readonly peer: string;
  lines: Line[];
  unread: number;
  historyComplete: boolean;
  oldestArchiveId: string;
  /** XEP-0085: the other person is typing. */
  typing: boolean;
}

const PAGE = 30;
const MARKER_DELAY_MS = 500;
const MARKER_MAX_WAIT_MS = 1000;
const ORDER: Status[] = ['pending', 'sent', 'delivered', 'displayed'];

export const useChat = defineStore('chat', () => {
  const connection = useConnection();
  const conversations = reactive(new Map<string, Conversation>());
  const active = ref('');
  let client: Client | null = null;
  let outbox: Outbox | null = null;
  const sending = new Sending(() => outbox);
  const typingIn = typingShown((peer, _who, on) => (conversation(peer).typing = on));
  const typingOut = typingSender((peer, state) => {
    if (client && connection.state === 'online') void client.send(chatStateStanza(peer, state)).catch(() => {});
  });

  /** Features told of each new incoming message (notifications). */
  const incomingHooks: ((line: Line) => void)[] = [];
  const onIncoming = (hook: (line: Line) => void) => incomingHooks.push(hook);

  const me = () => connection.me?.jid ?? String(client?.jid?.bare() ?? '');

  function conversation(peer: string): Conversation {
    let c = conversations.get(peer);
    if (!c) {
      conversations.set(peer, {
        peer,
        lines: [],
        unread: 0,
        historyComplete: false,
        oldestArchiveId: '',
        typing: false,
      });
      c = conversations.get(peer)!;
    }
    return c;
  }

  /** Adds a message once (ids are origin-ids), in time order. */
  function add(m: ChatMessage, status: Status): Line | undefined {
    const c = conversation(m.peer);
    const existing = c.lines.find((l) => l.id === m.id);
    if (existing) {
      if (m.archiveId && !existing.archiveId) Object.assign(existing, { archiveId: m.archiveId });
      return undefined;
    }
    const line: Line = { ...m, status, edited: false, retracted: false };
    const at = instant(m.at);
    const i = c.lines.findIndex((l) => instant(l.at) > at);
    if (i < 0) c.lines.push(line);
    else c.lines.splice(i, 0, line);
    return c.lines.find((l) => l.id === m.id);
  }

  function raise(peer: string, id: string, to: Status): void {
    const c = conversations.get(peer);
    const idx = c?.lines.findIndex((l) => l.id === id) ?? -1;
    if (!c || idx < 0) return;
    // XEP-0333: a displayed marker covers every earlier message too.
    const upTo = to === 'displayed' ? c.lines.slice(0, idx + 1) : [c.lines[idx]!];
    for (const l of upTo) if (l.direction === 'out' && ORDER.indexOf(l.status) < ORDER.indexOf(to)) l.status = to;
  }

  /**
   * XEP-0333: one marker for the newest message, MARKER_DELAY_MS after the
   * last one arrived (at most MARKER_MAX_WAIT_MS after the first): a burst of
   * messages read together costs one stanza, not one each.
   *
   * XEP-0184 receipts (a SHOULD) for messages shown at once wait for that
   * marker, which tells the sender more ("read" implies "delivered", and the
   * sender's app shows it so): while two people are both in the chat, every
   * message then costs one stanza back instead of two, which showed in
   * send-to-display's p95 (about 1.5 ms). If the marker cannot
   * go (the app went to the background meanwhile), the receipts go instead.
   * Messages not shown at once are receipted at once.
   */
  const markerTimers = new Map<string, ReturnType<typeof setTimeout>>();
  const markerDue = new Map<string, number>();
  const receiptsWaiting = new Map<string, string[]>();
  function sendReceipts(peer: string, ids: readonly string[]): void {
    const receipts = ids.map((id) => receiptStanza(peer, id));
    // In the next task, so that the message is on screen first.
    setTimeout(() => receipts.forEach((r) => void client?.send(r).catch(() => {})), 0);
  }
  function markRead(peer: string): void {
    const c = conversations.get(peer);
    if (!c || !client) return;
    c.unread = 0;
    clearTimeout(markerTimers.get(peer));
    const due = markerDue.get(peer) ?? Date.now() + MARKER_MAX_WAIT_MS;
    markerDue.set(peer, due);
    markerTimers.set(
      peer,
      setTimeout(
        () => {
          markerTimers.delete(peer);
          markerDue.delete(peer);
          const waiting = receiptsWaiting.get(peer) ?? [];
          receiptsWaiting.delete(peer);
          const lastIn = [...c.lines].reverse().find((l) => l.direction === 'in');
          if (lastIn && client && document.visibilityState === 'visible')
            void client.send(displayedStanza(peer, lastIn.id)).catch(() => sendReceipts(peer, waiting));
          else sendReceipts(peer, waiting);
        },
        Math.min(MARKER_DELAY_MS, Math.max(0, due - Date.now())),
      ),
    );
  }

  /** Archive pages being received, by query id: their messages are collected, then placed. */
  const pages = new Map<string, ChatMessage[]>();
  const loadingOlder = new Set<string>();
  /** The newest id of the user's archive seen (live or paged): catching up starts after it. */
  let newestArchiveId = '';
  /** Corrections and retractions whose message is not loaded yet, by its id. */
  interface Edit {
    kind: 'correction' | 'retraction';
    peer: string;
    direction: 'in' | 'out';
    id: string;
    body: string;
  }
  const edits = new Map<string, Edit>();
  /** Only the sender of a message may change it: the direction must match. */
  function applyEdit(e: Edit): boolean {
    const line = conversations.get(e.peer)?.lines.find((l) => l.id === e.id && l.direction === e.direction);
    if (!line) return false;
    if (line.retracted) return true;
    if (e.kind === 'correction') Object.assign(line, { body: e.body, edited: true });
    else Object.assign(line, { body: '', retracted: true });
    return true;
  }

  /** Sends what the outbox holds and the stream has not taken yet, oldest first. */
  let flushing = false;
  async function flush(): Promise<void> {
    if (flushing || !client || !outbox || connection.state !== 'online') return;
    flushing = true;
    try {
      const c = client;
      // Rooms send theirs once joined. A send that fails (the connection dropped) waits for the next stream.
      for (const p of await outbox.all())
        if (p.type !== 'groupchat') await sending.send(p.id, () => c.send(chatStanza(p.peer, p.body, p.id)));
    } finally {
      flushing = false;
    }
  }

  connection.onReady(async (c) => {
    client = c;
    sending.reset();
    void request(c, enableCarbons()).catch(() => {});
    outbox ??= await openOutbox(me());
    // After a reload, show what is still waiting as pending.
    for (const p of (await outbox.all()).filter((p) => p.type !== 'groupchat'))
      add({ id: p.id, peer: p.peer, direction: 'out', body: p.body, at: p.at, archiveId: '' }, 'pending');
    await flush();
    await catchUp(c).catch(() => {});
  });
  connection.onResumed(() => void flush());
  connection.onDelivery((outcome, stanza) => {
    const id = sending.settle(outcome, stanza);
    if (!id) return;
    const peer = stanza.attrs.to?.split('/')[0] ?? '';
    const line = conversations.get(peer)?.lines.find((l) => l.id === id);
    if (line?.status === 'pending') line.status = 'sent';
  });

  connection.onLogout(() => {
    for (const t of markerTimers.values()) clearTimeout(t);
    markerTimers.clear();
    markerDue.clear();
    receiptsWaiting.clear();
    typingIn.clear();
    conversations.clear();
    edits.clear();
    active.value = '';
    client = null;
    outbox = null;
    sending.reset();
    newestArchiveId = '';
  });

  connection.onStanza((el) => {
    const ops = connection.config?.opsHost ?? '';
    const delivered = ops ? parseDelivered(el, ops) : undefined;
    if (delivered) {
      const m = { id: delivered.id, peer: delivered.sender, direction: 'in' as const, archiveId: '' };
      const line = add(
        { ...m, body: `To on-duty ${delivered.role}: ${delivered.body}`, at: new Date().toISOString() },
        'displayed',
      );
      if (line) conversation(line.peer).unread++;
      return;
    }
    // Messages from role addresses (confirmations, archive copies) are not conversations.
    if (ops && (el.attrs.from ?? '').split('/')[0]!.endsWith(`@${ops}`)) return;
    const ev = parseChat(el, me());
    if (!ev) return;
    if (ev.kind === 'receipt') return raise(ev.peer, ev.id, 'delivered');
    if (ev.kind === 'displayed') return raise(ev.peer, ev.id, 'displayed');
    if (ev.kind === 'chatstate') return typingIn.show(ev.peer, ev.peer, ev.state);
    if (ev.kind === 'correction' || ev.kind === 'retraction') {
      const edit: Edit = ev.kind === 'correction' ? { ...ev, body: ev.body } : { ...ev, body: '' };
      // The message may be on an archive page not loaded yet: apply the change when it arrives.
      if (!applyEdit(edit)) edits.set(ev.id, edit);
      return;
    }
    if (ev.queryid) return void pages.get(ev.queryid)?.push(ev.message);
    if (ev.message.archiveId) newestArchiveId = ev.message.archiveId;
    if (ev.message.direction === 'in') typingIn.show(ev.message.peer, ev.message.peer, 'active');
    const line = add(ev.message, ev.message.direction === 'out' ? 'sent' : 'displayed');
    const peer = ev.message.peer;
    const shownNow = ev.message.direction === 'in' && active.value === peer && document.visibilityState === 'visible';
    if (ev.receiptWanted && client) {
      if (shownNow) receiptsWaiting.set(peer, [...(receiptsWaiting.get(peer) ?? []), ev.message.id]);
      else sendReceipts(peer, [ev.message.id]);
    }
    if (shownNow) markRead(peer);
    if (!line || line.direction === 'out') return;
    if (!shownNow) conversation(line.peer).unread++;
    for (const hook of incomingHooks) hook(line);
  });

  /** Keeps the message in the outbox first, so it survives a drop or reload; pending until the server acknowledges it. */
  async function send(peer: string, body: string): Promise<void> {
    const text = body.trim();
    if (!text || !outbox) return;
    const pending = { id: crypto.randomUUID(), owner: me(), peer, body: text, at: new Date().toISOString() };
    typingOut.sent();
    // On the socket first: drawing the new line and the IndexedDB write would
    // otherwise run before xmpp.js reaches the WebSocket, adding to every message.
    const c = client;
    if (c && connection.state === 'online')
      await sending.send(pending.id, () => c.send(chatStanza(peer, text, pending.id)));
    add({ ...pending, direction: 'out', archiveId: '' }, 'pending');
    await sending.keep(pending);
  }

  function own(peer: string, id: string): Line | undefined {
    return conversations.get(peer)?.lines.find((l) => l.id === id && l.direction === 'out' && !l.retracted);
  }

  /** XEP-0308: corrects one of the user's own messages, here and for the other side. */
  async function correct(peer: string, id: string, body: string): Promise<void> {
    const line = own(peer, id);
    const text = body.trim();
    if (!line || !text || !client || connection.state !== 'online') return;
    await client.send(correctionStanza(peer, text, id, crypto.randomUUID()));
    Object.assign(line, { body: text, edited: true });
  }

  /** XEP-0424: retracts a message sent by mistake. */
  async function retract(peer: string, id: string): Promise<void> {
    const line = own(peer, id);
    if (!line || !client || connection.state !== 'online') return;
    await client.send(retractionStanza(peer, id, crypto.randomUUID()));
    Object.assign(line, { body: '', retracted: true });
  }

  function typed(peer: string): void {
    if (client && connection.state === 'online') typingOut.typed(peer);
  }

  /** Runs one query on the user's archive; returns its messages in archive order and its <fin/>. */
  async function query(c: Client, q: Omit<MamRequest, 'queryid' | 'max'>) {
    const queryid = crypto.randomUUID();
    const page: ChatMessage[] = [];
    pages.set(queryid, page);
    try {
      return { fin: parseFin(await request(c, mamQuery({ queryid, max: PAGE, ...q }))), page };
    } finally {
      pages.delete(queryid);
    }
  }

  /** Loads the page of history before the oldest message shown (XEP-0313 + XEP-0059). */
  async function loadOlder(peer: string): Promise<void> {
    const c = conversation(peer);
    if (!client || c.historyComplete || loadingOlder.has(peer)) return;
    loadingOlder.add(peer);
    try {
      const { fin, page } = await query(client, { with: peer, before: c.oldestArchiveId });
      // An older page is older than everything shown: it goes in front, in archive order
      // (archive timestamps have one-second precision, too coarse to sort by).
      const known = new Set(c.lines.map((l) => l.id));
      const fresh = page.filter((m) => !known.has(m.id));
      c.lines.unshift(...fresh.map((m): Line => ({ ...m, status: 'sent', edited: false, retracted: false })));
      for (const m of fresh) {
        const edit = edits.get(m.id);
        if (edit && applyEdit(edit)) edits.delete(m.id);
      }
      if (!fin) return;
      c.historyComplete = fin.complete;
      if (fin.first) c.oldestArchiveId = fin.first;
    } finally {
      loadingOlder.delete(peer);
    }
  }

  /** Conversations with people, not with role addresses or room occupants. */
  const isPerson = (peer: string) => {
    const cfg = connection.config;
    const host = peer.split('@')[1] ?? '';
    return !!cfg && peer.includes('@') && host !== cfg.opsHost && host !== cfg.mucHost;
  };

  /**
   * On a new stream: after a reload, the newest page of the whole archive, so
   * the conversation list is back at once; after a drop that could not be
   * resumed, everything archived since the newest message seen, page by page.
   */
  async function catchUp(c: Client): Promise<void> {
    const since = newestArchiveId;
    for (let n = 0, after = since; n < 20; n++) {
      const { fin, page } = await query(c, after ? { after } : { before: '' });
      for (const m of page) {
        if (!isPerson(m.peer)) continue;
        const line = add(m, m.direction === 'out' ? 'sent' : 'displayed');
        // Missed while away: unread. After a reload nothing says what was read, so nothing is counted.
        if (line && since && line.direction === 'in' && active.value !== line.peer) conversation(line.peer).unread++;
      }
      if (fin?.last) newestArchiveId = after = fin.last;
      if (!since || !fin || fin.complete || !fin.last) break;
    }
  }

  function open(peer: string): void {
    active.value = peer;
    const c = conversation(peer);
    // First open: the newest archive page, even if live messages arrived before.
    if (!c.historyComplete && !c.oldestArchiveId) void loadOlder(peer).then(() => markRead(peer));
    else markRead(peer);
  }

  function close(): void {
    active.value = '';
  }

  const list = computed(() =>
    [...conversations.values()]
      .filter((c) => c.lines.length > 0)
      .sort((a, b) => instant(b.lines.at(-1)!.at) - instant(a.lines.at(-1)!.at)),
  );

  return {
    conversations,
    list,
    active,
    send,
    correct,
    retract,
    typed,
    open,
    close,
    loadOlder,
    conversation,
    onIncoming,
  };
});
