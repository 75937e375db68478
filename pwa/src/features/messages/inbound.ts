// Incoming messages, unwrapped and attributed, with the trust rules in one
// place: carbons only from the user's own account (XEP-0280 §11), archive
// results only from the archive that was asked (XEP-0313 §4.1, §5), archive
// ids only from that archive (XEP-0359 §3), a room sender's real JID only
// from the room (XEP-0045 §7.2.3), delay stamps only from the server or room.
import { NS_CARBONS, NS_DELAY, NS_FORWARD, NS_MAM, NS_MUC_USER, NS_RECEIPTS, NS_SID } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import { kindOf, parseContent, type ConversationType, type MessageContent } from './content.ts';
import { alarmsAddress } from './kinds/alarm-codec.ts';
import { securityOf, type Security } from './security.ts';

export interface InboundContext {
  /** The user's own bare JID. */
  readonly me: string;
  readonly mucHost: string;
  readonly opsHost: string;
  /** The real bare JID behind a nick in a room now (from the room's presence), '' if unknown. */
  occupant(room: string, nick: string): string;
  /** When occupant() did not know: asks the room, and resolves with what it says ('' for nothing). */
  whois?(room: string, nick: string): Promise<string>;
}

/** A message taken out of its wrapping, with who sent it where, before its content is read. */
export interface Envelope {
  readonly msg: XmlElement;
  readonly type: ConversationType;
  /** The conversation: the other person's bare JID in a chat, the room's in a room. */
  readonly conversation: string;
  /** The sender's real bare JID; '' when nobody can vouch for it. */
  readonly from: string;
  /** The sender's nick in a room; '' in chats. */
  readonly nick: string;
  /** ISO 8601: the archive's or the server's stamp, else when it arrived. */
  readonly at: string;
  /** The id in the archive this conversation pages through; '' if unknown. */
  readonly archiveId: string;
  /** The archive query this answers; '' when live. */
  readonly queryid: string;
  readonly live: boolean;
}

/** One incoming message, read: the one shape every conversation receives. */
export interface Incoming {
  readonly type: ConversationType;
  readonly conversation: string;
  /** The id both sides agree on (origin-id, else the stanza id, else the room archive's id). */
  readonly id: string;
  readonly from: string;
  readonly nick: string;
  /** Sent by the user (from any of their devices): known by the real JID only. */
  readonly mine: boolean;
  /** ISO 8601. */
  readonly at: string;
  readonly archiveId: string;
  readonly queryid: string;
  /** XEP-0184: the sender asked for a receipt (live 1:1 messages only). */
  readonly receiptWanted: boolean;
  readonly content: MessageContent;
  readonly security: Security;
}

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();
const resource = (jid: string | undefined) => (jid ?? '').split('/').slice(1).join('/');
const hostOf = (jid: string) => jid.split('@')[1] ?? '';

type Unstamped = Omit<Envelope, 'at'> & { readonly at: string | undefined };

interface Meta {
  readonly at: string | undefined;
  readonly archiveId: string;
  readonly queryid: string;
  readonly live: boolean;
}

/** The message's id in the archive of `by`, trusted only from `by` (XEP-0359 §3; Prosody strips forged ones). */
const archiveIdBy = (m: XmlElement, by: string) =>
  m.getChildren('stanza-id', NS_SID).find((s) => bare(s.attrs.by) === by)?.attrs.id ?? '';

/** A live message's own stanza-id and stamp. */
function liveMeta(m: XmlElement, by: string, stampedBy: string): Meta {
  // XEP-0203: the server stamps what it kept offline or resent on resume; a sender's own stamp is not proof.
  const delay = m.getChildren('delay', NS_DELAY).find((d) => bare(d.attrs.from) === stampedBy);
  return { at: delay?.attrs.stamp, archiveId: archiveIdBy(m, by), queryid: '', live: true };
}

function chat(m: XmlElement, ctx: InboundContext, meta: Meta): Unstamped | undefined {
  const type = m.attrs.type;
  if (type !== undefined && type !== 'chat' && type !== 'normal' && type !== 'headline') return undefined;
  const from = bare(m.attrs.from) || ctx.me;
  const to = bare(m.attrs.to) || ctx.me;
  return { msg: m, type: 'chat', conversation: from === ctx.me ? to : from, from, nick: '', ...meta };
}

function room(m: XmlElement, ctx: InboundContext, meta: Meta): Unstamped | undefined {
  const jid = bare(m.attrs.from);
  const nick = resource(m.attrs.from);
  if (m.attrs.type !== 'groupchat' || hostOf(jid) !== ctx.mucHost || !nick) return undefined;
  // Live: the real JID from the room's presence; a member can put any <x/> in a message,
  // and Prosody passes it on. Archived: the room appends its own <x/> last
  // (mod_muc_mam save_to_history, non-anonymous rooms), after anything the sender put.
  const from = meta.live
    ? ctx.occupant(jid, nick)
    : bare(m.getChildren('x', NS_MUC_USER).at(-1)?.getChild('item')?.attrs.jid);
  return { msg: m, type: 'groupchat', conversation: jid, from, nick, ...meta };
}

export function unwrap(stanza: XmlElement, ctx: InboundContext, now: () => string): Envelope | undefined {
  const env = open(stanza, ctx);
  return env && { ...env, at: env.at ?? now() };
}

function open(stanza: XmlElement, ctx: InboundContext): Unstamped | undefined {
  const type = stanza.attrs.type;
  if (stanza.name !== 'message' || type === 'error') return undefined;
  const from = bare(stanza.attrs.from);
  // Headlines only from the alarms service (incident changes for dispatchers, kinds/incident-change.ts).
  if (type === 'headline')
    return from === alarmsAddress(ctx.opsHost) ? chat(stanza, ctx, liveMeta(stanza, '', '')) : undefined;
  const carbon = stanza.getChild('received', NS_CARBONS) ?? stanza.getChild('sent', NS_CARBONS);
  if (carbon) {
    const m = carbon.getChild('forwarded', NS_FORWARD)?.getChild('message');
    if (from !== ctx.me || !m) return undefined;
    // XEP-0313 §3.1 (communicating the archive id): the copy carries the message's id in the user's own
    // archive, received or sent alike. Prosody's mod_mam stamps it before mod_carbons copies the message, and
    // strips one a sender claimed in the user's archive's name.
    return chat(m, ctx, { at: undefined, archiveId: archiveIdBy(m, ctx.me), queryid: '', live: true });
  }
  const result = stanza.getChild('result', NS_MAM);
  if (result) {
    const fwd = result.getChild('forwarded', NS_FORWARD);
    const m = fwd?.getChild('message');
    if (!m || resource(stanza.attrs.from)) return undefined;
    const meta = {
      at: fwd!.getChild('delay', NS_DELAY)?.attrs.stamp,
      archiveId: result.attrs.id ?? '',
      queryid: result.attrs.queryid ?? '',
      live: false,
    };
    if (!from || from === ctx.me) return chat(m, ctx, meta);
    // XEP-0313 §5: a room's archive, about what the room itself sent.
    if (hostOf(from) === ctx.mucHost && bare(m.attrs.from) === from) return room(m, ctx, meta);
    return undefined;
  }
  if (type === 'groupchat') return room(stanza, ctx, liveMeta(stanza, from, from));
  return chat(stanza, ctx, liveMeta(stanza, ctx.me, hostOf(ctx.me)));
}

/** Reads the content of an unwrapped (and transformed) message; undefined when it is not for a conversation. */
export function read(env: Envelope, msg: XmlElement, ctx: InboundContext): Incoming | undefined {
  const content = parseContent(msg, {
    type: env.type,
    from: bare(msg.attrs.from),
    sender: env.from,
    archived: !env.live,
    opsHost: ctx.opsHost,
    mucHost: ctx.mucHost,
  });
  if (!content) return undefined;
  const kind = kindOf(content);
  const relayed = kind.relayed?.(content);
  const from = relayed?.from ?? env.from;
  // The user's own content relayed back to them (their request's copy) goes in the chat it was sent from.
  const back = relayed && relayed.from === ctx.me ? relayed.conversation : undefined;
  // Relayed into a chat: the conversation with its real sender; in a room it stays in the room.
  const conversation = env.type === 'chat' ? (back ?? relayed?.from ?? env.conversation) : env.conversation;
  // 1:1 conversations are with people: not with role addresses, room occupants or servers.
  const host = hostOf(conversation);
  const person = !!host && host !== ctx.opsHost && host !== ctx.mucHost;
  if (env.type === 'chat' && !person && !kind.anywhere) return undefined;
  // The user's own request relayed back without the chat it was sent from has none to go in: the Requests tab shows it.
  if (env.type === 'chat' && relayed && relayed.from === ctx.me && !back) return undefined;
  const mine = !!from && from === ctx.me;
  const senderId = relayed?.id ?? msg.getChild('origin-id', NS_SID)?.attrs.id ?? msg.attrs.id;
  const id = senderId || idWithout(env, !!kind.shown);
  return {
    type: env.type,
    conversation,
    id,
    from,
    nick: env.nick,
    mine,
    at: env.at,
    archiveId: env.archiveId,
    queryid: env.queryid,
    // XEP-0184 §5.4: a receipt names the sender's id; an id made here means nothing to them.
    receiptWanted: env.live && !mine && env.type === 'chat' && !!senderId && !!msg.getChild('request', NS_RECEIPTS),
    content,
    // A relayed message went through the component in the clear; so did what the component itself said.
    security: relayed || kind.server ? 'server' : securityOf(msg, env.from || bare(msg.attrs.from), ctx.opsHost),
  };
}

/**
 * The id of a message its sender gave none (ids are optional, RFC 6120 §8.1.3; some bots and servers send
 * none): it is shown all the same, under an id that finds the same message again after a reload.
 */
function idWithout(env: Envelope, shown: boolean): string {
  // The archive's id (XEP-0359 §3, by the user's own archive in a chat, by the room in a room): Prosody
  // stamps it on the live message and on its carbons, and gives the same id as the result's id when the
  // archive is paged after a reload, so both copies meet under it. Prosody keeps no stanza id in a room's
  // archive either, so a room message without origin-id is always known by its archive id.
  if (env.archiveId) return env.archiveId;
  // Nothing archived it (Prosody stamps what it archives), so no copy comes back from the archive
  // to meet: an id made here cannot show it twice. Markers, typing and the like need none.
  return shown ? `local-${crypto.randomUUID()}` : '';
}

/** Unwraps and reads one stanza at once, with no transforms (tests, and tools that read plain archives). */
export function readStanza(stanza: XmlElement, ctx: InboundContext, now = () => new Date().toISOString()) {
  const env = unwrap(stanza, ctx, now);
  return env && read(env, env.msg, ctx);
}
