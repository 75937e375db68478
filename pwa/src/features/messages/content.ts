// Every kind of message content, in one registry. A new kind (a request with
// buttons, an alarm, media) is one file in kinds/ and one line here; the
// pipeline reads it, the outbox keeps it, MessageView.vue shows it.
import type { XmlElement } from '@xmpp/client';
import type { Kind, ParseContext, Target } from './kinds/kind.ts';
import { alarm, type AlarmContent } from './kinds/alarm.ts';
import { chatState, type ChatStateContent } from './kinds/chat-state.ts';
import { correction, type Correction } from './kinds/correction.ts';
import { displayed, type Displayed } from './kinds/displayed.ts';
import { incidentState, type IncidentStateContent } from './kinds/incident-state.ts';
import { incidentChange, type IncidentChangeContent } from './kinds/incident-change.ts';
import { media, type Media } from './kinds/media.ts';
import { receipt, type Receipt } from './kinds/receipt.ts';
import { request, type RequestContent } from './kinds/request.ts';
import { requestAnswer, type RequestAnswer } from './kinds/request-answer.ts';
import { requestState, type RequestStateContent } from './kinds/request-state.ts';
import { retraction, type Retraction } from './kinds/retraction.ts';
import { roleDelivery, type RoleDelivery } from './kinds/role-delivery.ts';
import { text, type Text } from './kinds/text.ts';
import { undecryptable, type Undecryptable } from './kinds/undecryptable.ts';

export type MessageContent =
  | Text
  | Media
  | Correction
  | Retraction
  | Receipt
  | Displayed
  | ChatStateContent
  | RoleDelivery
  | RequestContent
  | RequestStateContent
  | RequestAnswer
  | AlarmContent
  | IncidentStateContent
  | IncidentChangeContent
  | Undecryptable;
/** The kinds shown as lines of a conversation. */
export type Shown = Text | Media | RoleDelivery | RequestContent | IncidentStateContent | Undecryptable;

/**
 * In the order they are tried: a message with a receipt, a marker or a
 * retraction is that and nothing else, even with a (fallback) body; a
 * correction, a relayed delivery, a request (its state, an answer), an
 * alarm or an incident room's state before plain text (they carry a body for other clients); an attachment's link
 * before text; typing only without a body.
 */
const KINDS = [
  undecryptable,
  receipt,
  displayed,
  retraction,
  correction,
  roleDelivery,
  request,
  requestState,
  requestAnswer,
  alarm,
  incidentState,
  incidentChange,
  media,
  text,
  chatState,
] as const;

const byKind = new Map<string, Kind<MessageContent>>(KINDS.map((k) => [k.kind, k as Kind<MessageContent>]));
export const kindOf = (c: { readonly kind: string }) => byKind.get(c.kind)!;

export function parseContent(msg: XmlElement, ctx: ParseContext): MessageContent | undefined {
  for (const k of KINDS) {
    const c = (k as Kind<MessageContent>).parse(msg, ctx);
    if (c) return c;
  }
  return undefined;
}

export const isShown = (c: MessageContent): c is Shown => !!kindOf(c).shown;

/** The children of a message carrying `c`; empty for kinds only others send. */
export const contentChildren = (c: MessageContent, to: Target): XmlElement[] => kindOf(c).build?.(c, to) ?? [];

/** The text a list row or a notification shows for a line. */
export const preview = (c: Shown): string => kindOf(c).preview?.(c) ?? '';

export type { ChatState } from './kinds/chat-state.ts';
export type { ConversationType, ParseContext, Target } from './kinds/kind.ts';
export type {
  Text,
  Media,
  Correction,
  Retraction,
  Receipt,
  Displayed,
  ChatStateContent,
  RoleDelivery,
  RequestContent,
  RequestStateContent,
  RequestAnswer,
  AlarmContent,
  IncidentStateContent,
  IncidentChangeContent,
  Undecryptable,
};
