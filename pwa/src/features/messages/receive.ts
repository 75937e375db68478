// What an incoming message does to its conversation, live or from an archive
// page: a shown kind becomes a line; the others change one (corrections,
// retractions), move the user's own messages on (receipts, markers), or say
// who is typing.
import type { RequestState } from '@bleep/protocol';
import type { Alarm } from './kinds/alarm-codec.ts';
import type { IncidentNews } from './kinds/open-incidents-codec.ts';
import { isShown, type ChatState, type ConversationType, type Shown } from './content.ts';
import type { Incoming } from './inbound.ts';
import type { Markers } from './markers.ts';
import { heldEdits, insert, prepend, raise, type Conversation, type Line, type Status } from './timeline.ts';

export interface ReceiveLink {
  conversation(jid: string, type: ConversationType): Conversation;
  typing(c: Conversation, who: string, state: ChatState): void;
  readonly markers: Markers;
  /** The conversation open now. */
  active(): string;
  /** The app is in front (document.visibilityState). */
  visible(): boolean;
  /** A new message from someone else, live (notifications). */
  incoming(c: Conversation, line: Line): void;
  /** A live message with an archive id: catching up starts after it. */
  archived(c: Conversation, archiveId: string): void;
  /** A request's new state: it belongs to no conversation, and changes its lines wherever they are. */
  requestState(s: RequestState): void;
  /** A request's line was placed, or a copy of it came again with its own state. */
  requestPlaced(line: Line, own: RequestState): void;
  /** A preset alarm for the user, live or caught up from the archive: it is shown full screen, not as a line. */
  alarm(a: Alarm, live: boolean): void;
  /** A change of the open incidents, pushed to dispatchers (never archived): the map and the Incidents tab follow. */
  incidentNews(n: IncidentNews): void;
}

type ShownIncoming = Incoming & { readonly content: Shown };

/** Rooms: every copy is the room's, so "delivered"; 1:1: the user's own arrive as carbons or from the archive. */
const statusOf = (ev: Incoming): Status => (ev.type === 'groupchat' ? 'delivered' : ev.mine ? 'sent' : 'displayed');

export function lineOf(ev: ShownIncoming, status = statusOf(ev)): Line {
  const { id, content, from, nick, mine, at, archiveId, security } = ev;
  return { id, content, from, nick, mine, at, archiveId, status, edited: false, retracted: false, security };
}

export function createReceiver(link: ReceiveLink) {
  const edits = heldEdits();

  /** The kinds that change a line or the conversation rather than add one. */
  function effect(c: Conversation, ev: Incoming): void {
    const x = ev.content;
    if (x.kind === 'correction') edits.apply(c, { kind: x.kind, id: x.replaces, from: ev.from, body: x.body });
    else if (x.kind === 'retraction') edits.apply(c, { kind: x.kind, id: x.retracts, from: ev.from, body: '' });
    else if (ev.mine) return;
    else if (x.kind === 'receipt') raise(c, x.of, 'delivered');
    else if (x.kind === 'displayed' && c.type === 'chat') raise(c, x.of, 'displayed');
    else if (x.kind === 'displayed' && ev.from) c.readUpTo[ev.from] = x.of;
    else if (x.kind === 'chatstate') link.typing(c, ev.from || ev.nick, x.state);
  }

  /** Adds a message's line once; the room's copy of the user's own means it was delivered. */
  function place(c: Conversation, ev: ShownIncoming): Line | undefined {
    const { line, added } = insert(c, lineOf(ev));
    if (ev.content.kind === 'request') link.requestPlaced(line, ev.content.request.state);
    if (!added) {
      if (line.mine && c.type === 'groupchat') raise(c, line.id, 'delivered');
      return undefined;
    }
    edits.release(c, line);
    return line;
  }

  function live(ev: Incoming): void {
    if (ev.content.kind === 'request-state') return link.requestState(ev.content.state);
    if (ev.content.kind === 'alarm') return link.alarm(ev.content.alarm, true);
    if (ev.content.kind === 'incident-change') return link.incidentNews(ev.content.news);
    const c = link.conversation(ev.conversation, ev.type);
    if (ev.archiveId) link.archived(c, ev.archiveId);
    if (!isShown(ev.content)) return effect(c, ev);
    const who = ev.from || ev.nick;
    if (c.typing.includes(who)) link.typing(c, who, 'active');
    const line = place(c, ev as ShownIncoming);
    if (!line || line.mine) return;
    const shownNow = link.active() === c.jid && link.visible();
    if (ev.receiptWanted) link.markers.received(c, ev.id, shownNow);
    if (shownNow) link.markers.read(c);
    else c.unread++;
    link.incoming(c, line);
  }

  /** A page caught up forwards (after a reconnect); `countUnread` when what it brings was missed. */
  function newer(items: readonly Incoming[], countUnread: boolean): void {
    for (const ev of items) {
      if (ev.content.kind === 'request-state') {
        link.requestState(ev.content.state);
        continue;
      }
      if (ev.content.kind === 'alarm') {
        link.alarm(ev.content.alarm, false);
        continue;
      }
      const c = link.conversation(ev.conversation, ev.type);
      if (!isShown(ev.content)) {
        effect(c, ev);
        continue;
      }
      const line = place(c, ev as ShownIncoming);
      if (line && countUnread && !line.mine && link.active() !== c.jid) c.unread++;
    }
  }

  /** An older page, put in front; returns how many messages it showed. */
  function older(c: Conversation, items: readonly Incoming[]): number {
    const page = items.filter((ev): ev is ShownIncoming => ev.conversation === c.jid && isShown(ev.content));
    const added = prepend(
      c,
      page.map((ev) => lineOf(ev)),
    );
    for (const l of added) {
      edits.release(c, l);
      if (l.content.kind === 'request') link.requestPlaced(l, l.content.request.state);
    }
    for (const ev of items) if (ev.content.kind === 'request-state') link.requestState(ev.content.state);
    // A newer marker already seen wins over an older one from this page.
    const newerMarkers = { ...c.readUpTo };
    for (const ev of items) if (ev.conversation === c.jid && !isShown(ev.content)) effect(c, ev);
    Object.assign(c.readUpTo, newerMarkers);
    return added.length;
  }

  return { live, newer, older, clear: () => edits.clear() };
}
