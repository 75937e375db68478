// 1:1 conversations: live messages, carbons, archive history, receipts and
// read markers. Message text stays text; ChatMessageText.vue renders it safely.
import { defineStore } from 'pinia';
import { computed, reactive, ref } from 'vue';
import type { Client } from '@xmpp/client';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { chatStanza, displayedStanza, enableCarbons, parseChat, receiptStanza, type ChatMessage } from './codec.ts';
import { mamQuery, parseFin } from './mam.ts';
import { openOutbox, type Outbox } from './outbox.ts';
import { NS_SID } from '@bleep/protocol';

export type Status = 'pending' | 'sent' | 'delivered' | 'displayed';
export interface Line extends ChatMessage {
  status: Status;
}
export interface Conversation {
  readonly peer: string;
  lines: Line[];
  unread: number;
  historyComplete: boolean;
  oldestArchiveId: string;
}

const PAGE = 30;
const ORDER: Status[] = ['pending', 'sent', 'delivered', 'displayed'];

export const useChat = defineStore('chat', () => {
  const connection = useConnection();
  const conversations = reactive(new Map<string, Conversation>());
  const active = ref('');
  let client: Client | null = null;
  let outbox: Outbox | null = null;
  /** Outbox ids sent on the current stream and not yet acknowledged; SM resends them on resume. */
  const inFlight = new Set<string>();

  const me = () => connection.me?.jid ?? String(client?.jid?.bare() ?? '');

  function conversation(peer: string): Conversation {
    let c = conversations.get(peer);
    if (!c) {
      conversations.set(peer, { peer, lines: [], unread: 0, historyComplete: false, oldestArchiveId: '' });
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
    const line: Line = { ...m, status };
    const i = c.lines.findIndex((l) => l.at > m.at);
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

  function markRead(peer: string): void {
    const c = conversations.get(peer);
    if (!c || !client) return;
    c.unread = 0;
    const lastIn = [...c.lines].reverse().find((l) => l.direction === 'in');
    if (lastIn && document.visibilityState === 'visible') void client.send(displayedStanza(peer, lastIn.id));
  }

  /** Sends what the outbox holds and the stream has not taken yet, oldest first. */
  let flushing = false;
  async function flush(): Promise<void> {
    if (flushing || !client || !outbox || connection.state !== 'online') return;
    flushing = true;
    try {
      for (const p of await outbox.all()) {
        if (inFlight.has(p.id)) continue;
        inFlight.add(p.id);
        await client.send(chatStanza(p.peer, p.body, p.id));
      }
    } catch {
      // the connection dropped mid-way: what was not acknowledged is sent on the next ready
    } finally {
      flushing = false;
    }
  }

  connection.onReady(async (c) => {
    client = c;
    inFlight.clear(); // a new stream: nothing sent before it will be resent by SM
    void request(c, enableCarbons()).catch(() => {});
    outbox ??= await openOutbox(me());
    // After a reload, show what is still waiting as pending.
    for (const p of await outbox.all())
      add({ id: p.id, peer: p.peer, direction: 'out', body: p.body, at: p.at, archiveId: '' }, 'pending');
    await flush();
  });
  connection.onResumed(() => void flush());
  connection.onDelivery((outcome, stanza) => {
    const id = stanza.getChild('origin-id', NS_SID)?.attrs.id;
    if (!id || !inFlight.has(id)) return;
    inFlight.delete(id);
    if (outcome === 'fail') return; // stays in the outbox; sent again on the next ready
    void outbox?.remove(id);
    const peer = stanza.attrs.to?.split('/')[0] ?? '';
    const line = conversations.get(peer)?.lines.find((l) => l.id === id);
    if (line?.status === 'pending') line.status = 'sent';
  });

  connection.onLogout(() => {
    conversations.clear();
    active.value = '';
    client = null;
    outbox = null;
    inFlight.clear();
  });

  connection.onStanza((el) => {
    const ev = parseChat(el, me());
    if (!ev) return;
    if (ev.kind === 'receipt') return raise(ev.peer, ev.id, 'delivered');
    if (ev.kind === 'displayed') return raise(ev.peer, ev.id, 'displayed');
    const line = add(ev.message, ev.message.direction === 'out' ? 'sent' : 'displayed');
    if (ev.receiptWanted && client) void client.send(receiptStanza(ev.message.peer, ev.message.id));
    if (!line || line.direction === 'out' || ev.message.archiveId) return;
    if (active.value === line.peer && document.visibilityState === 'visible') markRead(line.peer);
    else conversation(line.peer).unread++;
  });

  /** Keeps the message in the outbox first, so it survives a drop or reload; pending until the server acknowledges it. */
  async function send(peer: string, body: string): Promise<void> {
    const text = body.trim();
    if (!text || !outbox) return;
    const pending = { id: crypto.randomUUID(), owner: me(), peer, body: text, at: new Date().toISOString() };
    add({ ...pending, direction: 'out', archiveId: '' }, 'pending');
    await outbox.put(pending);
    await flush();
  }

  /** Loads the page of history before the oldest message shown (XEP-0313 + XEP-0059). */
  async function loadOlder(peer: string): Promise<void> {
    const c = conversation(peer);
    if (!client || c.historyComplete) return;
    const fin = parseFin(await request(client, mamQuery(crypto.randomUUID(), peer, PAGE, c.oldestArchiveId)));
    if (!fin) return;
    c.historyComplete = fin.complete;
    if (fin.first) c.oldestArchiveId = fin.first;
  }

  function open(peer: string): void {
    active.value = peer;
    const c = conversation(peer);
    if (c.lines.length === 0 && !c.historyComplete) void loadOlder(peer).then(() => markRead(peer));
    else markRead(peer);
  }

  function close(): void {
    active.value = '';
  }

  const list = computed(() =>
    [...conversations.values()]
      .filter((c) => c.lines.length > 0)
      .sort((a, b) => (b.lines.at(-1)!.at > a.lines.at(-1)!.at ? 1 : -1)),
  );

  return { conversations, list, active, send, open, close, loadOlder, conversation };
});
