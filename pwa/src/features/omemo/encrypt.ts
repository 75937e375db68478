// The outbound step (messages/outbound.ts): a message with a body to a
// person is sent OMEMO-encrypted for every device known at the moment it goes
// (the outbox calls this at send time, not when the message was written).
// Receipts, markers and chat states carry no body and go as they are, as in
// Conversations. A person without any OMEMO device (a client without OMEMO)
// gets the message unencrypted, and its lock shows it open.
import { NS_SID } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import type { OutboundTransform } from '../messages/outbound.ts';
import { encryptedElement, encryptedSiblings, type Encrypted } from './codec.ts';
import { recipients } from './recipients.ts';
import type { CurrentSession } from './session.ts';

/** The message with its body replaced by `<encrypted/>`, a fallback body, EME and a store hint. */
export function encryptedMessage(stanza: XmlElement, e: Encrypted): XmlElement {
  const kept = stanza.children.filter((c) => typeof c !== 'string' && c.name !== 'body') as XmlElement[];
  return xml('message', stanza.attrs, ...kept, encryptedElement(e), ...encryptedSiblings());
}

export function encryptStep(current: CurrentSession, isPerson: (jid: string) => boolean): OutboundTransform {
  return async (stanza, to) => {
    const body = stanza.getChildText('body');
    if (to.type !== 'chat' || !body || !isPerson(to.jid)) return stanza;
    const s = await current();
    if (!s) return stanza;
    const r = await recipients(s, [to.jid]);
    if (r.without.length) return stanza;
    if (r.unreachable.length) throw new Error(`No device of ${to.jid} can be reached for encryption.`);
    const e = await s.engine.encrypt(body, r.devices);
    const id = stanza.getChild('origin-id', NS_SID)?.attrs.id ?? stanza.attrs.id;
    // Not encrypted for this device: what it said is kept here as it goes.
    if (id) await s.plain.put('', s.me, id, { text: body });
    return encryptedMessage(stanza, e);
  };
}
