// The outbound step (messages/outbound.ts): a message with a body to a
// person, or to a members-only non-anonymous room (rooms/privacy.ts), is sent OMEMO-encrypted for
// every device known at the moment it goes
// (the outbox calls this at send time, not when the message was written).
// Receipts, markers and chat states carry no body and go as they are, as in
// Conversations. A person without any OMEMO device (a client without OMEMO)
// gets the message unencrypted, and its lock shows it open — but only when
// the server said so (item-not-found or an empty list): a device list that
// could not be read, or this device's keys not yet published, holds the
// message back (it stays pending with the reason, the outbox tries again),
// never sends it in the clear (issue #11: the first message right after
// sign-in went out unencrypted).
import { NS_SID } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import type { Target } from '../messages/content.ts';
import type { OutboundTransform } from '../messages/outbound.ts';
import { encryptable, roomPrivacy } from '../rooms/privacy.ts';
import { encryptedElement, encryptedSiblings, type Encrypted } from './codec.ts';
import { HeldBack } from './reasons.ts';
import { recipients } from './recipients.ts';
import { roomMembers } from './room-members.ts';
import type { CurrentSession, OmemoSession } from './session.ts';

/** The message with its body replaced by `<encrypted/>`, a fallback body, EME and a store hint. */
export function encryptedMessage(stanza: XmlElement, e: Encrypted): XmlElement {
  const kept = stanza.children.filter((c) => typeof c !== 'string' && c.name !== 'body') as XmlElement[];
  return xml('message', stanza.attrs, ...kept, encryptedElement(e), ...encryptedSiblings());
}

/** The devices to encrypt for; undefined to send the message as it is. */
async function devicesFor(s: OmemoSession, to: Target, isPerson: (jid: string) => boolean) {
  if (to.type === 'chat') {
    if (!isPerson(to.jid)) return undefined;
    const r = await recipients(s, [to.jid]);
    if (r.unknown.length) throw new HeldBack('devices-unknown');
    if (r.without.length) return undefined;
    if (r.unreachable.length) throw new HeldBack('devices-unreachable');
    return r.devices;
  }
  // A room that is open or semi-anonymous cannot be encrypted (XEP-0384 0.3 §5); the room page says so
  // above its messages, and their locks show them open. A room that does not answer is asked below.
  // Both asked at once: the features cost no round trip of their own.
  const listed = roomMembers(s.request, to.jid);
  listed.catch(() => {}); // an open room's answer is not waited for
  const privacy = await roomPrivacy(s.request, to.jid).catch(() => undefined);
  if (privacy && !encryptable(privacy)) return undefined;
  // A room: every member but the user (their own other devices come with recipients()).
  // Members who have no OMEMO device yet cannot read it (their first sign-in makes one);
  // a room where nobody else has one, or that does not list its members, gets it as it is.
  // A member whose list cannot be read is left out like one without devices, unless
  // nobody else can read it: then it waits rather than go in the clear.
  const members = await listed;
  const others = members?.filter((m) => m !== s.me);
  if (!others?.length) return undefined;
  const r = await recipients(s, others);
  if (r.devices.some((d) => d.jid !== s.me)) return r.devices;
  if (r.unknown.length) throw new HeldBack('devices-unknown');
  return undefined;
}

export function encryptStep(current: CurrentSession, isPerson: (jid: string) => boolean): OutboundTransform {
  return async (stanza, to) => {
    const body = stanza.getChildText('body');
    if (!body) return stanza;
    const s = await current();
    if (!s) return stanza;
    // The recipients answer this device (and read its id on the list) only once its keys are published;
    // waited for first, so that no session is started for a message that then cannot go.
    await s.ready();
    const devices = await devicesFor(s, to, isPerson).catch((err: unknown) => {
      // The user's own device list could not be read either: nothing is known.
      throw err instanceof HeldBack ? err : new HeldBack('devices-unknown');
    });
    if (!devices) return stanza;
    const e = await s.engine.encrypt(body, devices);
    const id = stanza.getChild('origin-id', NS_SID)?.attrs.id ?? stanza.attrs.id;
    // Not encrypted for this device: what it said is kept here as it goes.
    if (id) await s.plain.put('', s.me, id, { text: body });
    return encryptedMessage(stanza, e);
  };
}
