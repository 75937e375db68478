// A conversation's lines: in time order, each once, changed only by its
// sender, with the status of the user's own messages. Pure functions over
// plain objects; the store keeps them reactive.
import { instant } from '../../xmpp/stamp.ts';
import type { ConversationType, Shown } from './content.ts';
import type { Security } from './security.ts';

/**
 * unsent: kept on this device too long to go silently (the user decides);
 * pending: kept on this device; sent: the server has it (XEP-0198 ack);
 * delivered: a receipt came (1:1), or the room passed it on (we got its copy back);
 * displayed: read (XEP-0333; 1:1 only — in rooms, Conversation.readUpTo says who).
 */
export type Status = 'unsent' | 'pending' | 'sent' | 'delivered' | 'displayed';
/** The statuses of a line of one's own that has not reached the server yet. */
export const WAITING: ReadonlySet<Status> = new Set<Status>(['pending', 'unsent']);
const ORDER: Status[] = ['unsent', 'pending', 'sent', 'delivered', 'displayed'];

export interface Line {
  readonly id: string;
  content: Shown;
  /** The sender's real bare JID; '' if unknown (then it is nobody's to change). */
  readonly from: string;
  /** The sender's nick in a room; '' in chats. */
  readonly nick: string;
  readonly mine: boolean;
  /** ISO 8601. */
  at: string;
  archiveId: string;
  status: Status;
  /** XEP-0308: corrected by its sender. */
  edited: boolean;
  /** XEP-0424: retracted by its sender; the text is gone. */
  retracted: boolean;
  /** Its lock: end-to-end encrypted, readable by the hospital's server, or neither. */
  security: Security;
  /** Ours, pending: why it has not gone yet (encryption held it back). */
  held?: string;
  /** Ours, held: only the user can let it go (send it unencrypted) or cancel it (outbound.ts, AskFirst). */
  ask?: boolean;
}

export interface Conversation {
  /** The other person's bare JID, or the room's. */
  readonly jid: string;
  readonly type: ConversationType;
  /** A room's name; '' for a chat (the directory names the person). */
  name: string;
  lines: Line[];
  unread: number;
  /** Messages can go out now: always in a chat, once the room has let the user in. */
  ready: boolean;
  historyComplete: boolean;
  /** Archive ids of the oldest and newest message shown: page back from one, catch up from the other. */
  oldestArchiveId: string;
  newestArchiveId: string;
  /** Who is typing now (XEP-0085): real JIDs, or nicks when unknown. */
  typing: string[];
  /** A member's real JID → the id of the newest message they have seen (XEP-0333 covers all before it). */
  readUpTo: Record<string, string>;
  /** Why earlier messages could not be loaded; '' when fine. */
  error: string;
}

export function newConversation(jid: string, type: ConversationType, name = ''): Conversation {
  return {
    jid,
    type,
    name,
    lines: [],
    unread: 0,
    ready: type === 'chat',
    historyComplete: false,
    oldestArchiveId: '',
    newestArchiveId: '',
    typing: [],
    readUpTo: {},
    error: '',
  };
}

/** The same message: by archive id, or by id from the same sender (an id alone could be anyone's). */
const same = (l: Line, m: Pick<Line, 'id' | 'from' | 'archiveId'>) =>
  (!!m.archiveId && l.archiveId === m.archiveId) || (l.id === m.id && l.from === m.from);

/** A copy that was read where an earlier one could not be decrypted: what it said takes the failure's place. */
function mend(known: Line, copy: Line): void {
  if (known.content.kind !== 'undecryptable' || copy.content.kind === 'undecryptable') return;
  known.content = copy.content;
  known.security = copy.security;
}

/** Adds a line once, after every line at or before its time; returns the line already there otherwise. */
export function insert(c: Conversation, line: Line): { line: Line; added: boolean } {
  const known = c.lines.find((l) => same(l, line));
  if (known) {
    if (line.archiveId && !known.archiveId) known.archiveId = line.archiveId;
    mend(known, line);
    return { line: known, added: false };
  }
  const at = instant(line.at);
  const i = c.lines.findIndex((l) => instant(l.at) > at);
  if (i < 0) c.lines.push(line);
  else c.lines.splice(i, 0, line);
  // The reactive copy, so that later changes show.
  return { line: c.lines[i < 0 ? c.lines.length - 1 : i]!, added: true };
}

/**
 * Puts an older archive page in front, in archive order (archive stamps have
 * one-second precision, too coarse to sort by); returns the lines added.
 */
export function prepend(c: Conversation, page: readonly Line[]): Line[] {
  const fresh: Line[] = [];
  for (const l of page) {
    const known = c.lines.find((k) => same(k, l)) ?? fresh.find((k) => same(k, l));
    if (known) mend(known, l);
    else fresh.push(l);
  }
  c.lines.unshift(...fresh);
  return c.lines.slice(0, fresh.length);
}

export function remove(c: Conversation, id: string): void {
  const i = c.lines.findIndex((l) => l.id === id && l.mine);
  if (i >= 0) c.lines.splice(i, 1);
}

export interface Edit {
  readonly kind: 'correction' | 'retraction';
  /** The id of the message to change. */
  readonly id: string;
  /** The real bare JID of whoever sent the change. */
  readonly from: string;
  readonly body: string;
}

/**
 * XEP-0308 §5 / XEP-0424 §5: only the original sender may correct or retract,
 * known by the real JID; a nick is not proof, and an unknown sender changes
 * nothing. Returns false when the message is not loaded yet (keep the edit).
 */
export function applyEdit(c: Conversation, e: Edit): boolean {
  const line = c.lines.find((l) => l.id === e.id && l.from === e.from);
  if (!e.from) return true;
  if (!line) return false;
  if (line.retracted) return true;
  if (e.kind === 'retraction') Object.assign(line, { content: { kind: 'text', body: '' }, retracted: true });
  else if (line.content.kind === 'text') Object.assign(line, { content: { kind: 'text', body: e.body }, edited: true });
  return true;
}

/** Edits whose message is on an archive page not loaded yet, by conversation and message id. */
export function heldEdits() {
  const held = new Map<string, Edit[]>();
  const key = (c: Conversation, id: string) => `${c.jid}\n${id}`;
  return {
    apply(c: Conversation, e: Edit): void {
      if (!applyEdit(c, e)) held.set(key(c, e.id), [...(held.get(key(c, e.id)) ?? []), e]);
    },
    /** A line arrived: the changes waiting for it, in the order they came. */
    release(c: Conversation, line: Line): void {
      const waiting = held.get(key(c, line.id));
      if (!waiting) return;
      held.delete(key(c, line.id));
      for (const e of waiting) if (!applyEdit(c, e)) this.apply(c, e);
    },
    clear: () => held.clear(),
  };
}

/** Moves one of the user's own messages on; XEP-0333: a displayed marker covers every earlier message too. */
export function raise(c: Conversation, id: string, to: Status): void {
  const idx = c.lines.findIndex((l) => l.id === id && l.mine);
  if (idx < 0) return;
  const upTo = to === 'displayed' ? c.lines.slice(0, idx + 1) : [c.lines[idx]!];
  for (const l of upTo)
    if (l.mine && l.status !== 'unsent' && ORDER.indexOf(l.status) < ORDER.indexOf(to)) l.status = to;
}
