// Requests on the wire (protocol/README.md, "Quick responses"): the request
// message, the live <state/>, and an answer parsed into a choice. Nothing
// else builds or reads this XML.
import { NS_HINTS, NS_QUICK_RESPONSE, NS_REQUEST, NS_SID } from '@bleep/protocol';
import type { StoredRequest } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import { xml, type Element } from '../xmpp/xml.ts';
import { matchChoice } from './match.ts';
import { tally } from './rules.ts';
import { requestBody, unknownChoiceText } from './words.ts';

/** <state/>: on its own in an update, or inside <request/> (`nested`, which already carries the namespace). */
export function stateElement(r: StoredRequest, nested = false): Element {
  const t = tally(r.choices, r.recipients.length, r.answers);
  return xml(
    'state',
    {
      ...(nested ? {} : { xmlns: NS_REQUEST }),
      id: r.id,
      status: r.status,
      addressed: String(t.addressed),
      accepted: String(t.accepted),
      declined: String(t.declined),
      at: r.statusAt,
    },
    ...r.answers.map((a) => xml('answer', { by: a.by, name: a.name, choice: a.choice, at: a.at })),
  );
}

function requestElement(r: StoredRequest, jid: string, chat?: string): Element {
  return xml(
    'request',
    {
      xmlns: NS_REQUEST,
      id: r.id,
      jid,
      template: r.template,
      title: r.title,
      rule: r.rule.kind,
      ...(r.rule.kind === 'quorum' ? { quorum: String(r.rule.n) } : {}),
      sender: r.sender,
      'sender-name': r.senderName,
      created: r.created,
      ...(r.expires ? { expires: r.expires } : {}),
      ...(chat ? { chat } : {}),
    },
    xml(
      'audience',
      { kind: r.audience.kind },
      'role' in r.audience ? r.audience.role : 'room' in r.audience ? r.audience.room : '',
    ),
    ...r.choices.map((c) => xml('choice', { value: c.value, style: c.style, accepts: String(c.accepts) }, c.label)),
    ...r.fields.map((f) => xml('field', { var: f.var, label: f.label }, f.value)),
    stateElement(r, true),
  );
}

/** Where answers go: req-<id>@ops.<domain>. */
export const requestAddress = (id: string, opsHost: string): string => `req-${id}@${opsHost}`;

/**
 * The request as one recipient gets it (chat from its own address, to the bare JID), or as the
 * room gets it (groupchat from the component, which is in the room; the body says where to reply).
 * `chat`: in the sender's own copy, the chat it was sent from (request-message-own.xml).
 */
export function requestMessage(
  r: StoredRequest,
  opsHost: string,
  to: string,
  type: 'chat' | 'groupchat',
  chat?: string,
): Element {
  const address = requestAddress(r.id, opsHost);
  const id = type === 'chat' ? `req-${r.id}-${to}` : `req-${r.id}`;
  return xml(
    'message',
    { type, from: type === 'chat' ? address : opsHost, to, id },
    xml('body', {}, requestBody(r, type === 'groupchat' ? address : undefined)),
    ...r.choices.map((c) => xml('response', { xmlns: NS_QUICK_RESPONSE, value: c.value, label: c.label })),
    requestElement(r, address, chat),
    xml('origin-id', { xmlns: NS_SID, id }),
    // XEP-0334: keep it in the archive even though Prosody might judge it by its payload alone.
    xml('store', { xmlns: NS_HINTS }),
  );
}

/**
 * A live update: a readable body and the request's <state/>. `tag` keeps the ids of successive updates apart.
 * `passing`: a tally step or a confirmation, superseded by the next; XEP-0334 <no-permanent-store/> keeps it out
 * of the archives (offline delivery still holds it), so a hundred answers do not write hundreds of archive rows.
 * Status changes are archived.
 */
export function stateMessage(
  r: StoredRequest,
  opsHost: string,
  to: string,
  type: 'chat' | 'groupchat',
  body: string,
  tag: string,
  passing = false,
): Element {
  const id = `req-${r.id}-s${tag}-${to}`;
  return xml(
    'message',
    { type, from: type === 'chat' ? requestAddress(r.id, opsHost) : opsHost, to, id },
    xml('body', {}, body),
    stateElement(r),
    xml('origin-id', { xmlns: NS_SID, id }),
    passing ? xml('no-permanent-store', { xmlns: NS_HINTS }) : undefined,
  );
}

/**
 * The choice an answer names: <answer choice=""/> wins over the body; else the
 * body's text matched to a choice. Unknown choices are refused with what the
 * request accepts.
 */
export function parseAnswer(stanza: Element, r: StoredRequest): string {
  const answer = stanza.getChild('answer', NS_REQUEST);
  if (answer) {
    const value = answer.attrs.choice ?? '';
    if (!r.choices.some((c) => c.value === value))
      throw new BleepError(
        'bad-answer',
        `This request has no choice ${quote(value)}; it takes ${r.choices.map((c) => c.value).join(', ')}.`,
      );
    return value;
  }
  const body = stanza.getChildText('body') ?? '';
  if (!body.trim())
    throw new BleepError('bad-answer', 'An answer needs a choice: send the number or the label of one.');
  const choice = matchChoice(r.choices, body);
  if (!choice) throw new BleepError('unknown-choice', unknownChoiceText(r, quote(body.trim())));
  return choice.value;
}

/**
 * Why an answer typed in a room was not recorded, to the person who typed it (requests/room-answer.ts): a chat
 * from the request's address, which plain clients show as a conversation, and which says where to answer.
 * Not an error stanza: the answer was a groupchat message, and the room would take an error for the component's.
 */
export function refusalMessage(r: StoredRequest, opsHost: string, to: string, text: string): Element {
  return xml(
    'message',
    { type: 'chat', from: requestAddress(r.id, opsHost), to, id: `req-${r.id}-r${Date.now().toString(36)}` },
    xml('body', {}, text),
    xml('no-permanent-store', { xmlns: NS_HINTS }),
  );
}
