// How far a message is protected, as its lock shows it:
// - 'encrypted': end to end (OMEMO), decrypted on this device;
// - 'server': from the hospital's component (requests, alarms, role deliveries),
//   readable by the server by design, since the audit needs them;
// - 'plain': neither (a client without OMEMO, a room that cannot have it);
// - '': not sent yet (encrypted at the moment it goes, for the devices known then).
import { NS_OMEMO } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

export type Security = 'encrypted' | 'server' | 'plain' | '';

/** Put on a message only by this app's own decryption step, after it decrypted it; never trusted from the wire. */
const NS_DECRYPTED = 'urn:bleep:local:decrypted';

/** Removes any mark a sender put on a message to look decrypted. */
export function stripMarks(msg: XmlElement): void {
  msg.children = msg.children.filter((c) => typeof c === 'string' || c.attrs.xmlns !== NS_DECRYPTED);
}

export function markDecrypted(msg: XmlElement): void {
  msg.children.push(xml('decrypted', { xmlns: NS_DECRYPTED }));
}

/** An encrypted message this device could not read, with the reason the user sees. */
export function markUndecryptable(msg: XmlElement, reason: string): void {
  msg.children.push(xml('undecryptable', { xmlns: NS_DECRYPTED }, reason));
}

export const undecryptableReason = (msg: XmlElement): string | undefined =>
  msg.getChild('undecryptable', NS_DECRYPTED)?.text();

const hostOf = (jid: string) => jid.split('@').at(-1)?.split('/')[0] ?? '';

/** The lock of a received message (after the decryption step). */
export function securityOf(msg: XmlElement, sender: string, opsHost: string): Security {
  if (msg.getChild('decrypted', NS_DECRYPTED) || msg.getChild('undecryptable', NS_DECRYPTED)) return 'encrypted';
  return hostOf(sender) === opsHost ? 'server' : 'plain';
}

/** The lock of a message as it went out. */
export function securityOfSent(stanza: XmlElement, opsHost: string): Security {
  if (stanza.getChild('encrypted', NS_OMEMO)) return 'encrypted';
  return hostOf(stanza.attrs.to ?? '') === opsHost ? 'server' : 'plain';
}
