// What every kind of message content provides: how to read it from a message
// and, for kinds the app sends, how to write it. content.ts lists the kinds.
import type { XmlElement } from '@xmpp/client';

export type ConversationType = 'chat' | 'groupchat';

/** Where a message goes: a person (or a role address) in a 1:1 chat, or a room. */
export interface Target {
  /** Bare JID. */
  readonly jid: string;
  readonly type: ConversationType;
}

/** What a kind may look at besides the message itself. */
export interface ParseContext {
  readonly type: ConversationType;
  /** The bare JID the (inner) message says it is from (in a room: the room). */
  readonly from: string;
  /** The sender's real bare JID ('' when nobody can vouch for it); in a room, from its presence or archive. */
  readonly sender: string;
  /** It came as an answer to an archive query. */
  readonly archived: boolean;
  /** The component's host (ops.<domain>): only it relays role deliveries. */
  readonly opsHost: string;
  /** The rooms' host (conference.<domain>): an alarm comes from an incident room there. */
  readonly mucHost: string;
}

export interface Kind<C extends { readonly kind: string }> {
  readonly kind: C['kind'];
  /**
   * Shown as a line of its own (text, a role delivery; later requests,
   * alarms, media). The other kinds change a line or the conversation.
   */
  readonly shown?: boolean;
  /** What a list row or a notification says for it (shown kinds). */
  preview?(c: C): string;
  /**
   * It changes lines by their own ids wherever they are shown (a request's new
   * state), so it belongs to no conversation and may come from a service address.
   */
  readonly anywhere?: boolean;
  /** Said by the component itself, whoever carried it (an alarm in its room's invitation): its lock says 'server'. */
  readonly server?: boolean;
  /** Read markers point at it (XEP-0333 §4: markable messages). */
  readonly markable?: boolean;
  /** The content, or undefined when the message does not carry this kind. Never throws. */
  parse(msg: XmlElement, ctx: ParseContext): C | undefined;
  /** Its children in a message to `to`; absent for kinds only others send. */
  build?(c: C, to: Target): XmlElement[];
  /**
   * For content relayed by the component: who really wrote it, and the id everyone knows it by; `conversation`,
   * for the user's own content relayed back to them (their request's copy): the chat it was sent from.
   */
  relayed?(c: C): { readonly from: string; readonly id: string; readonly conversation?: string | undefined };
}
