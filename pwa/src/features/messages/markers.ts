// When receipts (XEP-0184) and read markers (XEP-0333) go: a burst of
// messages read together costs one stanza back, not one each.
import { kindOf, type MessageContent } from './content.ts';
import type { Conversation, Line } from './timeline.ts';

const CHAT_MARKER_DELAY_MS = 500;
const CHAT_MARKER_MAX_WAIT_MS = 1000;
const ROOM_MARKER_DELAY_MS = 1500;

export interface MarkerLink {
  /** Sends to the conversation; rejects when it could not go. */
  send(c: Conversation, content: MessageContent): Promise<void>;
  /** The room has the user in and the stream is up. */
  canSend(c: Conversation): boolean;
  /** The app is in front (document.visibilityState). */
  visible(): boolean;
}

/** The newest message from someone else that a marker can point at. */
const lastSeen = (c: Conversation): Line | undefined =>
  c.lines.findLast((l) => !l.mine && !!kindOf(l.content).markable);

export function createMarkers(link: MarkerLink) {
  const timers = new Map<string, ReturnType<typeof setTimeout>>();
  const due = new Map<string, number>();
  const receiptsWaiting = new Map<string, string[]>();
  /** The last marker sent to each room, so that each goes once (Prosody archives them). */
  const roomSent = new Map<string, string>();

  function receipts(c: Conversation, ids: readonly string[]): void {
    // In the next task, so that the message is on screen first.
    setTimeout(() => ids.forEach((of) => void link.send(c, { kind: 'receipt', of }).catch(() => {})), 0);
  }

  /**
   * XEP-0333 in a 1:1 chat: one marker for the newest message,
   * CHAT_MARKER_DELAY_MS after the last one arrived (at most
   * CHAT_MARKER_MAX_WAIT_MS after the first).
   *
   * XEP-0184 receipts (a SHOULD) for messages shown at once wait for that
   * marker, which tells the sender more ("read" implies "delivered", and the
   * sender's app shows it so): while two people are both in the chat, every
   * message then costs one stanza back instead of two, which showed in
   * send-to-display's p95 (about 1.5 ms). If the marker cannot go (the app
   * went to the background meanwhile), the receipts go instead. Messages not
   * shown at once are receipted at once.
   */
  function chatRead(c: Conversation): void {
    clearTimeout(timers.get(c.jid));
    const until = due.get(c.jid) ?? Date.now() + CHAT_MARKER_MAX_WAIT_MS;
    due.set(c.jid, until);
    const fire = () => {
      timers.delete(c.jid);
      due.delete(c.jid);
      const waiting = receiptsWaiting.get(c.jid) ?? [];
      receiptsWaiting.delete(c.jid);
      const last = lastSeen(c);
      if (last && link.visible())
        void link.send(c, { kind: 'displayed', of: last.id }).catch(() => receipts(c, waiting));
      else receipts(c, waiting);
    };
    timers.set(c.jid, setTimeout(fire, Math.min(CHAT_MARKER_DELAY_MS, Math.max(0, until - Date.now()))));
  }

  /**
   * XEP-0333 in a room: Prosody archives markers (so who-read survives a
   * reload), so a burst of messages gets one marker, for the last, after
   * ROOM_MARKER_DELAY_MS, and the same marker never twice.
   */
  function roomRead(c: Conversation): void {
    if (timers.has(c.jid)) return;
    const fire = () => {
      timers.delete(c.jid);
      const last = lastSeen(c);
      if (!last || !link.canSend(c) || !link.visible() || roomSent.get(c.jid) === last.id) return;
      roomSent.set(c.jid, last.id);
      void link.send(c, { kind: 'displayed', of: last.id }).catch(() => {});
    };
    timers.set(c.jid, setTimeout(fire, ROOM_MARKER_DELAY_MS));
  }

  return {
    /** A live 1:1 message asked for a receipt: it waits for the marker if shown now, else goes at once. */
    received(c: Conversation, id: string, shownNow: boolean): void {
      if (shownNow) receiptsWaiting.set(c.jid, [...(receiptsWaiting.get(c.jid) ?? []), id]);
      else receipts(c, [id]);
    },
    /** The user has seen the conversation up to its newest message. */
    read(c: Conversation): void {
      if (c.type === 'chat') chatRead(c);
      else roomRead(c);
    },
    /** A new stream: the rooms' archives may have moved on without us. */
    newStream: () => roomSent.clear(),
    clear(): void {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
      due.clear();
      receiptsWaiting.clear();
      roomSent.clear();
    },
  };
}

export type Markers = ReturnType<typeof createMarkers>;
