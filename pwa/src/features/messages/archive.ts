// History from the archives (XEP-0313, paged with XEP-0059): the user's own
// for 1:1 chats (filtered by the person), each room's own for rooms. Older
// pages on scroll, skipping pages without a message (markers and edits can
// fill one); catching up forwards on every new stream.
import type { XmlElement } from '@xmpp/client';
import type { Incoming } from './inbound.ts';
import { mamQuery, parseFin, type MamRequest } from './mam.ts';
import type { Conversation } from './timeline.ts';

const PAGE = 30;
/** Archive pages read at most per scroll. */
const MAX_PAGES_PER_LOAD = 5;
/** Pages read at most when catching up (30 × 20 messages missed). */
const MAX_CATCH_UP_PAGES = 20;

export interface ArchiveLink {
  /** Sends an IQ and resolves with its result. */
  request(iq: XmlElement): Promise<XmlElement>;
  /** Resolves once every stanza received so far is dispatched (pipeline.drain). */
  drain(): Promise<void>;
  online(): boolean;
  /** Puts an older page in front; returns how many messages it showed. */
  older(c: Conversation, items: readonly Incoming[]): number;
  /** Places what a forward page brought; `countUnread` when it was missed (not after a reload). */
  newer(items: readonly Incoming[], countUnread: boolean): void;
}

type Source = Pick<MamRequest, 'to' | 'with'>;
const sourceOf = (c: Conversation): Source => (c.type === 'chat' ? { with: c.jid } : { to: c.jid });

export function createArchive(link: ArchiveLink) {
  /** Pages being received, by query id. */
  const pages = new Map<string, Incoming[]>();
  const loading = new Set<string>();
  /** The newest id of the user's own archive seen (live or paged): catching up starts after it. */
  let newestMine = '';

  /** One query; its messages in archive order, each from the archive asked (a room's, or the user's own). */
  async function query(source: Source, page: Pick<MamRequest, 'before' | 'after'>) {
    const queryid = crypto.randomUUID();
    const items: Incoming[] = [];
    pages.set(queryid, items);
    try {
      const iq = await link.request(mamQuery({ queryid, max: PAGE, ...source, ...page }));
      await link.drain();
      const from = (ev: Incoming) =>
        source.to ? ev.type === 'groupchat' && ev.conversation === source.to : ev.type === 'chat';
      return { fin: parseFin(iq), items: items.filter(from) };
    } finally {
      pages.delete(queryid);
    }
  }

  /** The page before the oldest message shown, or the newest page the first time. */
  async function loadOlder(c: Conversation): Promise<void> {
    if (!link.online() || c.historyComplete || loading.has(c.jid)) return;
    loading.add(c.jid);
    try {
      for (let n = 0, shown = 0; n < MAX_PAGES_PER_LOAD && shown === 0 && !c.historyComplete; n++) {
        const { fin, items } = await query(sourceOf(c), { before: c.oldestArchiveId });
        shown = link.older(c, items);
        if (!fin) return;
        c.historyComplete = fin.complete || !fin.first;
        if (fin.first) c.oldestArchiveId = fin.first;
        if (fin.last && !c.newestArchiveId) c.newestArchiveId = fin.last;
      }
      c.error = '';
    } catch {
      c.error = 'Earlier messages could not be loaded. Scroll up to try again.';
    } finally {
      loading.delete(c.jid);
    }
  }

  /** Forward from `after`, page by page, telling `reached` the newest archive id of each page. */
  async function forward(source: Source, after: string, reached: (id: string) => void): Promise<void> {
    for (let n = 0; n < MAX_CATCH_UP_PAGES && link.online(); n++) {
      const { fin, items } = await query(source, { after });
      link.newer(items, true);
      if (fin?.last) reached((after = fin.last));
      if (!fin || fin.complete || !fin.last) break;
    }
  }

  /** After a reconnect: what the room archived since the newest message seen; the newest page the first time. */
  async function catchUpRoom(c: Conversation): Promise<void> {
    if (!c.newestArchiveId) return loadOlder(c);
    await forward({ to: c.jid }, c.newestArchiveId, (id) => (c.newestArchiveId = id));
  }

  /**
   * On a new stream: after a reload, the newest page of the user's whole
   * archive, so the conversation list is back at once; after a drop that
   * could not be resumed, everything archived since the newest message seen.
   * Missed messages count as unread; after a reload nothing says what was read.
   */
  async function catchUpMine(): Promise<void> {
    if (newestMine) await forward({}, newestMine, (id) => (newestMine = id));
    else {
      const { fin, items } = await query({}, { before: '' });
      link.newer(items, false);
      if (fin?.last) newestMine = fin.last;
    }
  }

  return {
    loadOlder,
    catchUpRoom,
    catchUpMine,
    /** An archive result: true when it belongs to a query of ours (it is collected, not shown live). */
    collect(ev: Incoming): boolean {
      if (!ev.queryid) return false;
      pages.get(ev.queryid)?.push(ev);
      return true;
    },
    /** A live message with an id in the user's own archive. */
    seenMine(archiveId: string): void {
      newestMine = archiveId;
    },
    clear(): void {
      pages.clear();
      newestMine = '';
    },
  };
}

export type Archive = ReturnType<typeof createArchive>;
