// Quick responses on the wire (protocol/README.md, "Quick responses") ↔ the
// protocol's typed values. Only the component speaks for a request: a payload
// or a state from anyone else is that person's own text.
import {
  CHOICE_STYLES,
  NS_REQUEST,
  NS_STANZAS,
  REQUEST_STATUSES,
  type Answer,
  type Audience,
  type Choice,
  type ChoiceStyle,
  type RequestPayload,
  type RequestState,
  type RequestStatus,
  type ResponseRule,
} from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();
const count = (v: string | undefined) => Math.max(0, Number.parseInt(v ?? '', 10) || 0);

/** A request's own address, req-<id>@ops.<domain>: where its payload, its states and its refusals come from. */
export const isRequestAddress = (jid: string, opsHost: string) =>
  !!opsHost && jid.startsWith('req-') && jid.endsWith(`@${opsHost}`);

/** The component itself, or one of its addresses (in a room: the real JID of its occupant). */
export const isComponent = (jid: string, opsHost: string) =>
  !!opsHost && (jid === opsHost || jid.endsWith(`@${opsHost}`));

/** A request's payload or state is believed only from its own address in a chat, or from the component's occupant in a room. */
export const speaksForRequests = (ctx: { type: string; from: string; sender: string; opsHost: string }) =>
  ctx.type === 'chat' ? isRequestAddress(ctx.from, ctx.opsHost) : isComponent(ctx.sender, ctx.opsHost);

function rule(el: XmlElement): ResponseRule | undefined {
  const kind = el.attrs.rule;
  if (kind === 'exclusive' || kind === 'each') return { kind };
  if (kind === 'quorum') return { kind, n: Math.max(1, count(el.attrs.quorum)) };
  return undefined;
}

function audience(el: XmlElement | undefined): Audience {
  const kind = el?.attrs.kind;
  const text = el?.text().trim() ?? '';
  if (kind === 'role') return { kind, role: text };
  if (kind === 'room') return { kind, room: bare(text) };
  return { kind: 'people' };
}

const style = (s: string | undefined): ChoiceStyle =>
  (CHOICE_STYLES as readonly string[]).includes(s ?? '') ? (s as ChoiceStyle) : 'neutral';

function choice(el: XmlElement): Choice | undefined {
  const value = el.attrs.value;
  if (!value) return undefined;
  return {
    value,
    label: el.text().trim() || value,
    style: style(el.attrs.style),
    accepts: el.attrs.accepts === 'true',
  };
}

function answer(el: XmlElement): Answer | undefined {
  const by = bare(el.attrs.by);
  if (!by || !el.attrs.choice) return undefined;
  return { by, name: el.attrs.name ?? '', choice: el.attrs.choice, at: el.attrs.at ?? '' };
}

/** A <state/>: the live status and tally. */
export function parseState(el: XmlElement): RequestState | undefined {
  const status = el.attrs.status as RequestStatus;
  if (!el.attrs.id || !REQUEST_STATUSES.includes(status)) return undefined;
  return {
    id: el.attrs.id,
    status,
    addressed: count(el.attrs.addressed),
    accepted: count(el.attrs.accepted),
    declined: count(el.attrs.declined),
    answers: el
      .getChildren('answer')
      .map(answer)
      .filter((a): a is Answer => !!a),
    at: el.attrs.at ?? '',
  };
}

/** A <request/> payload, or undefined when it lacks what a button needs (an id, its address, a rule, choices). */
export function parseRequest(el: XmlElement): RequestPayload | undefined {
  const { id, jid } = el.attrs;
  const r = rule(el);
  const choices = el
    .getChildren('choice')
    .map(choice)
    .filter((c): c is Choice => !!c);
  const stateEl = el.getChild('state');
  const state = stateEl && parseState(stateEl);
  if (!id || !jid || !r || choices.length === 0 || !state || state.id !== id) return undefined;
  return {
    id,
    jid: bare(jid),
    template: el.attrs.template ?? '',
    title: el.attrs.title ?? '',
    rule: r,
    sender: bare(el.attrs.sender),
    senderName: el.attrs['sender-name'] ?? '',
    audience: audience(el.getChild('audience')),
    choices,
    fields: el
      .getChildren('field')
      .filter((f) => f.attrs.var)
      .map((f) => ({ var: f.attrs.var!, label: f.attrs.label ?? f.attrs.var!, value: f.text() })),
    created: el.attrs.created ?? '',
    expires: el.attrs.expires || undefined,
    state,
    // Only the sender's own copy names it: the chat it was sent from.
    chat: el.attrs.chat ? bare(el.attrs.chat) : undefined,
  };
}

/** A state update as a message (not its payload in a request): from the request's address only. */
export function parseStateMessage(stanza: XmlElement, opsHost: string): RequestState | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type === 'error') return undefined;
  if (!isRequestAddress(bare(stanza.attrs.from), opsHost)) return undefined;
  const el = stanza.getChild('state', NS_REQUEST);
  return el && parseState(el);
}

/** The component refused an answer: which one (our message id), for which request, and why in words. */
export interface AnswerRefusal {
  readonly id: string;
  /** The request's address. */
  readonly jid: string;
  readonly text: string;
}

export function parseAnswerRefusal(stanza: XmlElement, opsHost: string): AnswerRefusal | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'error') return undefined;
  const jid = bare(stanza.attrs.from);
  if (!isRequestAddress(jid, opsHost)) return undefined;
  const text = stanza.getChild('error')?.getChildText('text', NS_STANZAS) ?? 'Your answer was not recorded.';
  return { id: stanza.attrs.id ?? '', jid, text };
}
