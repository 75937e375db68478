// The outbound step (messages/outbound.ts): a message with a body to a
// person, or to a members-only non-anonymous room (rooms/privacy.ts), is sent OMEMO-encrypted for
// every device known at the moment it goes
// (the outbox calls this at send time, not when the message was written).
// Receipts, markers and chat states carry no body and go as they are, as in
// Conversations. What the user wrote (text, media, a correction) to someone
// who cannot get it encrypted (a person without any OMEMO device, a room
// where no other member has one, or this device without encryption) never
// goes in the clear unasked (issue #11): it waits with the reason until the
// user chooses to send it unencrypted (content `plain`) or cancels it, and
// then its lock shows it open. A device list that could not be read, or this
// device's keys not yet published, holds the message back (it stays pending
// with the reason, the outbox tries again), never sends it in the clear
// (issue #11: the first message right after sign-in went out unencrypted).
// cannotEncrypt() is the same rule asked before writing (role messages).
import { NS_SID } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import type { MessageContent, Target } from '../messages/content.ts';
import type { OutboundTransform } from '../messages/outbound.ts';
import { encryptable, roomPrivacy } from '../rooms/privacy.ts';
import { encryptedElement, encryptedSiblings, type Encrypted } from './codec.ts';
import { HeldBack, Unencrypted, type Cannot } from './reasons.ts';
import { recipients } from './recipients.ts';
import { roomMembers } from './room-members.ts';
import type { Device } from './engine.ts';
import type { CurrentSession, OmemoSession } from './session.ts';

/** The message with its body replaced by `<encrypted/>`, a fallback body, EME and a store hint. */
export function encryptedMessage(stanza: XmlElement, e: Encrypted): XmlElement {
  const kept = stanza.children.filter((c) => typeof c !== 'string' && c.name !== 'body') as XmlElement[];
  return xml('message', stanza.attrs, ...kept, encryptedElement(e), ...encryptedSiblings());
}

/** Sent as it is, unasked: not to a person, or a room the room page marks unencrypted (rooms/privacy.ts). */
const AS_IS = 'as-is';
type Plan = Device[] | typeof AS_IS | Cannot;

/** The devices to encrypt for; AS_IS to send the message as it is; or why it cannot be encrypted. */
async function planFor(s: OmemoSession, to: Target, isPerson: (jid: string) => boolean): Promise<Plan> {
  if (to.type === 'chat') {
    if (!isPerson(to.jid)) return AS_IS;
    const r = await recipients(s, [to.jid]);
    if (r.unknown.length) throw new HeldBack('devices-unknown');
    if (r.without.length) return { jid: to.jid, reason: 'no-devices' };
    if (r.unreachable.length) throw new HeldBack('devices-unreachable');
    return r.devices;
  }
  // A room that is open or semi-anonymous cannot be encrypted (XEP-0384 0.3 §5); the room page says so
  // above its messages, and their locks show them open. A room that does not answer is asked below.
  // Both asked at once: the features cost no round trip of their own.
  const listed = roomMembers(s.request, to.jid);
  listed.catch(() => {}); // an open room's answer is not waited for
  const privacy = await roomPrivacy(s.request, to.jid).catch(() => undefined);
  if (privacy && !encryptable(privacy)) return AS_IS;
  // A room: every member but the user (their own other devices come with recipients()).
  // Members who have no OMEMO device yet cannot read it (their first sign-in makes one);
  // a room that does not list its members is not OMEMO-capable (the room page says so).
  // A member whose list cannot be read is left out like one without devices, unless
  // nobody else can read it: then it waits rather than go in the clear.
  const members = await listed;
  if (!members) return AS_IS;
  const others = members.filter((m) => m !== s.me);
  const r = others.length ? await recipients(s, others) : undefined;
  if (r?.devices.some((d) => d.jid !== s.me)) return r.devices;
  if (r?.unknown.length) throw new HeldBack('devices-unknown');
  return { jid: to.jid, reason: 'no-member-devices' };
}

/** The session's plan for `to`; a list that could not be read holds the message back. */
async function plan(s: OmemoSession, to: Target, isPerson: (jid: string) => boolean): Promise<Plan> {
  // The recipients answer this device (and read its id on the list) only once its keys are published;
  // waited for first, so that no session is started for a message that then cannot go.
  await s.ready();
  return planFor(s, to, isPerson).catch((err: unknown) => {
    // The user's own device list could not be read either: nothing is known.
    throw err instanceof HeldBack ? err : new HeldBack('devices-unknown');
  });
}

/** What the user wrote, and whether they chose to send it unencrypted where it cannot be encrypted. */
const written = (c: MessageContent) => c.kind === 'text' || c.kind === 'media' || c.kind === 'correction';
const chosenPlain = (c: MessageContent) => written(c) && 'plain' in c && c.plain === true;

/**
 * Those of `targets` a message to whom cannot be encrypted, and why ([] when it can be, or waits);
 * asked before writing, with the same rule as the step below.
 */
export async function cannotEncrypt(
  current: CurrentSession,
  isPerson: (jid: string) => boolean,
  targets: readonly Target[],
): Promise<Cannot[]> {
  const s = await current();
  if (!s) return targets.map((t) => ({ jid: t.jid, reason: 'no-session' }));
  const plans = await Promise.all(targets.map((t) => plan(s, t, isPerson).catch(() => AS_IS)));
  return plans.filter((p): p is Cannot => typeof p === 'object' && !Array.isArray(p));
}

export function encryptStep(current: CurrentSession, isPerson: (jid: string) => boolean): OutboundTransform {
  return async (stanza, to, content) => {
    const body = stanza.getChildText('body');
    if (!body) return stanza;
    const s = await current();
    const asked = written(content) && (to.type === 'groupchat' || isPerson(to.jid));
    if (!s) {
      if (asked && !chosenPlain(content)) throw new Unencrypted([{ jid: to.jid, reason: 'no-session' }]);
      return stanza;
    }
    const devices = await plan(s, to, isPerson);
    if (devices === AS_IS) return stanza;
    if (!Array.isArray(devices)) {
      if (asked && !chosenPlain(content)) throw new Unencrypted([devices]);
      return stanza;
    }
    const e = await s.engine.encrypt(body, devices);
    const id = stanza.getChild('origin-id', NS_SID)?.attrs.id ?? stanza.attrs.id;
    // Not encrypted for this device: what it said is kept here as it goes.
    if (id) await s.plain.put('', s.me, [id], { text: body });
    return encryptedMessage(stanza, e);
  };
}
