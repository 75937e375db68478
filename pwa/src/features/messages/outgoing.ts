// What the user sends: on the socket first, then on screen and in the outbox
// (so it survives a drop or a reload), pending until the server acknowledges
// it (XEP-0198). Sent once per stream; what waited too long is not sent
// silently: the user chooses to send it now or to discard it.
import { isShown, type ConversationType, type MessageContent } from './content.ts';
import type { Outbox, Pending } from './outbox.ts';
import type { Security } from './security.ts';
import { Sending } from './sending.ts';
import { waitedTooLong } from './settings.ts';
import { insert, raise, remove, type Conversation, type Line } from './timeline.ts';
import type { XmlElement } from '@xmpp/client';

export interface OutgoingLink {
  conversation(jid: string, type: ConversationType): Conversation;
  /** The stream is up and, for a room, the room has the user in. */
  canSend(c: Conversation): boolean;
  /** Composes and sends; resolves once it is on the socket. */
  transmit(c: Conversation, content: MessageContent, id?: string): Promise<void>;
  /** The lock of a message of ours as it went out; '' while it has not. */
  sentSecurity(id: string): Security;
  /** Why a message of ours has not gone yet (encryption held it back; '' if nothing did), and whether it asks the user. */
  heldBack(id: string): { reason: string; ask: boolean };
  /** The signed-in account's bare JID. */
  account(): string;
  /** The signed-in account's outbox, once open (null when nobody is signed in). */
  outbox(): Promise<Outbox | null>;
  /** How long a message may wait and still go without asking (ms). */
  maxAge(): number;
}

const now = () => new Date().toISOString();

export function createOutgoing(link: OutgoingLink) {
  const sending = new Sending(() => link.outbox());
  const stale = (p: Pending) => waitedTooLong(p.at, link.maxAge());
  const own = (c: Conversation | undefined, id: string) => c?.lines.find((l) => l.id === id && l.mine);
  /** What waits in the account's outbox, oldest first. */
  const waiting = async () => (await (await link.outbox())?.all()) ?? [];

  function pendingLine(p: Pending): Line | undefined {
    if (!isShown(p.content)) return undefined;
    const status = stale(p) ? 'unsent' : 'pending';
    const { id, content, at } = p;
    return {
      id,
      content,
      from: p.owner,
      nick: '',
      mine: true,
      at,
      archiveId: '',
      status,
      edited: false,
      retracted: false,
      security: link.sentSecurity(id),
      held: link.heldBack(id).reason,
      ask: link.heldBack(id).ask,
    };
  }

  async function go(c: Conversation, p: Pending): Promise<void> {
    if (link.canSend(c)) await sending.send(p.id, () => link.transmit(c, p.content, p.id));
  }

  return {
    async send(jid: string, type: ConversationType, content: MessageContent): Promise<void> {
      const c = link.conversation(jid, type);
      const p: Pending = { id: crypto.randomUUID(), owner: link.account(), to: jid, type, content, at: now() };
      // On the socket first: drawing the new line and the IndexedDB write would
      // otherwise run before xmpp.js reaches the WebSocket, adding to every message.
      await go(c, p);
      const line = pendingLine(p);
      if (line) insert(c, line);
      await sending.keep(p);
    },

    /** After a reload: what still waits, on screen ("not sent" if it waited too long). */
    async show(): Promise<void> {
      for (const p of await waiting()) {
        const line = pendingLine(p);
        if (!line) continue;
        const shown = insert(link.conversation(p.to, p.type), line).line;
        if (shown.status === 'pending' && line.status === 'unsent') shown.status = 'unsent';
      }
    },

    /** Sends what waits for the conversations `which` accepts and has not gone on this stream, oldest first. */
    async flush(which: (p: Pending) => boolean): Promise<void> {
      for (const p of await waiting()) {
        if (p.owner !== link.account() || !which(p)) continue;
        const c = link.conversation(p.to, p.type);
        const line = own(c, p.id);
        if (!stale(p)) await go(c, p);
        else if (line) line.status = 'unsent';
      }
    },

    /** The user chose to send a message that waited too long: it goes now, as new. */
    async sendNow(c: Conversation, id: string): Promise<void> {
      const p = (await waiting()).find((x) => x.id === id);
      const line = own(c, id);
      if (!p || !line) return;
      const again: Pending = { ...p, at: now() };
      remove(c, id);
      insert(c, { ...line, at: again.at, status: 'pending' });
      await go(c, again);
      await sending.keep(again);
    },

    /** The user chose to send a message that cannot be encrypted as it is: it goes now, unencrypted. */
    async sendPlain(c: Conversation, id: string): Promise<void> {
      const p = (await waiting()).find((x) => x.id === id);
      const line = own(c, id);
      if (!p || !line || (p.content.kind !== 'text' && p.content.kind !== 'media')) return;
      const content = { ...p.content, plain: true };
      const again: Pending = { ...p, content, at: now() };
      Object.assign(line, { content, held: '', ask: false });
      await sending.keep(again);
      await go(c, again);
    },

    async discard(c: Conversation, id: string): Promise<void> {
      remove(c, id);
      await (await link.outbox())?.remove(id);
    },

    /** An XEP-0198 outcome: an acknowledged message of ours is sent, and leaves the outbox. */
    settle(outcome: 'ack' | 'fail', stanza: XmlElement, c: Conversation | undefined): void {
      const id = sending.settle(outcome, stanza);
      if (id && c) raise(c, id, 'sent');
    },

    /** Sign-out: once the writes under way have ended, the account's outbox is emptied. */
    async forget(outbox: Outbox | null): Promise<void> {
      await sending.idle();
      sending.reset();
      await outbox?.clear();
    },

    newStream: () => sending.reset(),
  };
}

export type Outgoing = ReturnType<typeof createOutgoing>;
