// 1:1 chat on the wire ↔ typed values. Parsers return undefined for stanzas
// that are not for them and never throw; builders make the stanzas we send.
// Carbons and archive results are accepted only from the user's own account:
// anyone else could forge them (XEP-0280 §11, XEP-0313 §4.1).
import {
  NS_CARBONS,
  NS_CHATSTATES,
  NS_CORRECT,
  NS_DELAY,
  NS_FALLBACK,
  NS_FORWARD,
  NS_HINTS,
  NS_MAM,
  NS_MARKERS,
  NS_RECEIPTS,
  NS_RETRACT,
  NS_SID,
} from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

export interface ChatMessage {
  /** The id both sides agree on: origin-id when present, else the stanza id. */
  readonly id: string;
  /** Bare JID of the other person. */
  readonly peer: string;
  readonly direction: 'in' | 'out';
  readonly body: string;
  /** ISO 8601. */
  readonly at: string;
  /** The id in the user's archive (XEP-0359 stanza-id), for paging and catching up; '' if unknown. */
  readonly archiveId: string;
}

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
export const CHAT_STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

export type ChatEvent =
  | { kind: 'message'; message: ChatMessage; receiptWanted: boolean; queryid: string }
  | { kind: 'correction'; peer: string; direction: 'in' | 'out'; id: string; body: string }
  | { kind: 'retraction'; peer: string; direction: 'in' | 'out'; id: string }
  | { kind: 'chatstate'; peer: string; state: ChatState }
  | { kind: 'receipt'; peer: string; id: string }
  | { kind: 'displayed'; peer: string; id: string };

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();

interface Unwrapped {
  readonly msg: XmlElement;
  readonly at?: string;
  readonly archiveId: string;
  /** The archive query this answers (XEP-0313 §4.2); '' when live. */
  readonly queryid: string;
}

function inner(message: XmlElement, me: string): Unwrapped | undefined {
  const from = bare(message.attrs.from);
  for (const ns of [NS_CARBONS]) {
    const carbon = message.getChild('received', ns) ?? message.getChild('sent', ns);
    if (carbon) {
      if (from !== me) return undefined;
      const m = carbon.getChild('forwarded', NS_FORWARD)?.getChild('message');
      return m && { msg: m, archiveId: '', queryid: '' };
    }
  }
  const result = message.getChild('result', NS_MAM);
  if (result) {
    if (from && from !== me) return undefined;
    const fwd = result.getChild('forwarded', NS_FORWARD);
    const m = fwd?.getChild('message');
    return (
      m && {
        msg: m,
        at: fwd?.getChild('delay', NS_DELAY)?.attrs.stamp,
        archiveId: result.attrs.id ?? '',
        queryid: result.attrs.queryid ?? '',
      }
    );
  }
  // XEP-0359 §3: the id our own archive gave it, trusted only when the archive is ours.
  const sid = message.getChildren('stanza-id', NS_SID).find((s) => bare(s.attrs.by) === me);
  return {
    msg: message,
    at: message.getChild('delay', NS_DELAY)?.attrs.stamp,
    archiveId: sid?.attrs.id ?? '',
    queryid: '',
  };
}

export function parseChat(stanza: XmlElement, me: string, now = () => new Date().toISOString()): ChatEvent | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type === 'error') return undefined;
  const unwrapped = inner(stanza, me);
  if (!unwrapped) return undefined;
  const { msg } = unwrapped;
  if (msg.attrs.type !== 'chat' && msg.attrs.type !== undefined && msg.attrs.type !== 'normal') return undefined;
  const from = bare(msg.attrs.from) || me;
  const to = bare(msg.attrs.to) || me;
  const direction = from === me ? 'out' : 'in';
  const peer = direction === 'out' ? to : from;
  const receipt = msg.getChild('received', NS_RECEIPTS);
  if (receipt?.attrs.id && direction === 'in') return { kind: 'receipt', peer, id: receipt.attrs.id };
  const displayed = msg.getChild('displayed', NS_MARKERS);
  if (displayed?.attrs.id && direction === 'in') return { kind: 'displayed', peer, id: displayed.attrs.id };
  // XEP-0424: a retraction carries a fallback body for old clients; it is not a message.
  const retract = msg.getChild('retract', NS_RETRACT);
  if (retract?.attrs.id) return { kind: 'retraction', peer, direction, id: retract.attrs.id };
  const body = msg.getChildText('body');
  // XEP-0308: a correction replaces the text of the sender's own earlier message.
  const replace = msg.getChild('replace', NS_CORRECT);
  if (replace?.attrs.id && body) return { kind: 'correction', peer, direction, id: replace.attrs.id, body };
  if ((body === null || body === '') && direction === 'in' && !unwrapped.queryid) {
    const state = CHAT_STATES.find((s) => msg.getChild(s, NS_CHATSTATES));
    return state && { kind: 'chatstate', peer, state };
  }
  if (body === null || body === '') return undefined;
  const id = msg.getChild('origin-id', NS_SID)?.attrs.id ?? msg.attrs.id ?? '';
  if (!id) return undefined;
  return {
    kind: 'message',
    message: { id, peer, direction, body, at: unwrapped.at ?? now(), archiveId: unwrapped.archiveId },
    receiptWanted: direction === 'in' && !!msg.getChild('request', NS_RECEIPTS) && !unwrapped.queryid,
    queryid: unwrapped.queryid,
  };
}

/** A chat message asking for a receipt and marked for read markers; the id is also the XEP-0359 origin-id. */
export function chatStanza(to: string, body: string, id: string): XmlElement {
  return xml(
    'message',
    { type: 'chat', to, id },
    xml('body', {}, body),
    xml('request', { xmlns: NS_RECEIPTS }),
    xml('markable', { xmlns: NS_MARKERS }),
    xml('origin-id', { xmlns: NS_SID, id }),
    // XEP-0085: sending a message means the user is active again.
    xml('active', { xmlns: NS_CHATSTATES }),
  );
}

/** 1:1 chats and group rooms share the builders below; only the message type differs. */
export type MessageType = 'chat' | 'groupchat';

/** XEP-0308: the new text for message `replaces`; the correction has its own id. */
export function correctionStanza(
  to: string,
  body: string,
  replaces: string,
  id: string,
  type: MessageType = 'chat',
): XmlElement {
  return xml(
    'message',
    { type, to, id },
    xml('body', {}, body),
    xml('replace', { xmlns: NS_CORRECT, id: replaces }),
    xml('origin-id', { xmlns: NS_SID, id }),
  );
}

/** XEP-0424 §4: retract by origin-id, with a fallback body for clients that do not know it. */
export function retractionStanza(to: string, retracts: string, id: string, type: MessageType = 'chat'): XmlElement {
  return xml(
    'message',
    { type, to, id },
    xml('retract', { xmlns: NS_RETRACT, id: retracts }),
    xml('fallback', { xmlns: NS_FALLBACK, for: NS_RETRACT }),
    xml('body', {}, 'This person retracted a previous message, but your app does not show retractions.'),
    xml('origin-id', { xmlns: NS_SID, id }),
    xml('store', { xmlns: NS_HINTS }),
  );
}

/** XEP-0085 chat state notification (typing). */
export function chatStateStanza(to: string, state: ChatState, type: MessageType = 'chat'): XmlElement {
  return xml('message', { type, to }, xml(state, { xmlns: NS_CHATSTATES }), xml('no-store', { xmlns: NS_HINTS }));
}

/** XEP-0184 §5: the receipt carries the id of the message received. */
// Not archived (XEP-0334 no-permanent-store; offline storage still keeps it):
// Prosody would otherwise write every receipt into both archives, doubling its
// storage work per message, and the app never reads receipts back from MAM.
export function receiptStanza(to: string, id: string): XmlElement {
  return xml(
    'message',
    { type: 'chat', to },
    xml('received', { xmlns: NS_RECEIPTS, id }),
    xml('no-permanent-store', { xmlns: NS_HINTS }),
  );
}

/** XEP-0333: everything up to this message has been displayed. Not archived (no body). */
export function displayedStanza(to: string, id: string, type: MessageType = 'chat'): XmlElement {
  return xml('message', { type, to }, xml('displayed', { xmlns: NS_MARKERS, id }));
}

export function enableCarbons(): XmlElement {
  return xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_CARBONS }));
}
