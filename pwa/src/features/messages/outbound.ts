// Every message the app sends is built here, from a content: 1:1 and room
// messages, corrections, retractions, receipts, read markers and chat states
// (and role messages). compose() runs the async transforms (identity today;
// OMEMO encryption plugs in here) on the stanza before it goes out.
import { NS_SID } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { contentChildren, type MessageContent, type Target } from './content.ts';

/**
 * A transform's refusal that only the user can lift: the message waits, saying
 * why, until they choose to send it as it is (content `plain`) or cancel it.
 * OMEMO's: it cannot be encrypted for a recipient (omemo/reasons.ts).
 */
export class AskFirst extends Error {}

export type OutboundTransform = (stanza: XmlElement, to: Target, content: MessageContent) => Promise<XmlElement>;

/** The message for `content`; `id` for what is kept and referred to (messages, corrections, retractions). */
export function messageStanza(to: Target, content: MessageContent, id?: string): XmlElement {
  return xml(
    'message',
    { type: to.type, to: to.jid, id },
    ...contentChildren(content, to),
    // XEP-0359: the id every copy keeps (Prosody keeps no stanza id in a room's archive).
    id ? xml('origin-id', { xmlns: NS_SID, id }) : undefined,
  );
}

export interface Outbound {
  compose(to: Target, content: MessageContent, id?: string): Promise<XmlElement>;
  use(transform: OutboundTransform): void;
}

export function createOutbound(): Outbound {
  const transforms: OutboundTransform[] = [];
  return {
    async compose(to, content, id) {
      let stanza = messageStanza(to, content, id);
      for (const t of transforms) stanza = await t(stanza, to, content);
      return stanza;
    },
    use: (t) => void transforms.push(t),
  };
}
