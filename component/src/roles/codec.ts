// Role addressing on the wire (protocol/README.md). A message to
// <role>@ops.<domain> is parsed here into a RoleMessage; the deliveries and
// the sender's confirmation are built here. Nothing else touches the XML.
import { NS_ROLE, NS_SID, type RoleDelivery } from '@bleep/protocol';
import { ROLE } from '../directory/validate.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import { xml, type Element } from '../xmpp/xml.ts';

export interface RoleMessage {
  readonly role: string;
  readonly body: string;
  readonly id?: string;
  /** XEP-0359 origin-id: the sender's stable id, used to deliver once. */
  readonly originId?: string;
}

export const MAX_BODY = 4000;

/** A role name as written to it (a message's address, the role-resolve form); refuses one that cannot be a role. */
export function parseRole(written: string): string {
  const role = written.trim().toLowerCase();
  if (!ROLE.test(role))
    throw new BleepError(
      'unknown-address',
      `There is no role ${quote(role)}: role names are lower-case letters, digits and -. Check the role name.`,
    );
  return role;
}

/** XEP-0359 origin-id as the sender gave it, if it is one we keep (at most 128 characters). */
export const originIdOf = (id: string | undefined) => (id && id.length <= 128 ? id : undefined);

export function parseRoleMessage(stanza: Element): RoleMessage {
  const role = parseRole((stanza.attrs.to ?? '').split('@')[0]!);
  const body = stanza.getChildText('body')?.trim() ?? '';
  if (!body) throw new BleepError('bad-stanza', 'A message to a role needs a text.');
  if (body.length > MAX_BODY) throw new BleepError('too-big');
  return { role, body, id: stanza.attrs.id, originId: originIdOf(stanza.getChild('origin-id', NS_SID)?.attrs.id) };
}

/** To each person reached: from the role's address, naming the sender so they can answer them directly. */
export function deliveryStanza(d: RoleDelivery, from: string, to: string, senderName: string, body: string): Element {
  return xml(
    'message',
    { type: 'chat', from, to, id: `${d.id}-${to}` },
    // Plain text for any XMPP client: who wrote, to which role.
    xml('body', {}, `${senderName} (${d.sender}) to on-duty ${d.role}: ${body}`),
    xml('delivered', { xmlns: NS_ROLE, id: d.id, role: d.role, sender: d.sender, 'sender-name': senderName }, body),
    xml('origin-id', { xmlns: NS_SID, id: `${d.id}-${to}` }),
  );
}

/** To the sender: whom the message reached; the client continues with them. */
export function reachedStanza(d: RoleDelivery, from: string, to: string, replyTo?: string): Element {
  const names = d.reached.map((p) => p.name).join(', ');
  return xml(
    'message',
    { type: 'chat', from, to, id: `${d.id}-reached` },
    xml('body', {}, `Reached ${names}. Continue with them directly.`),
    xml(
      'reached',
      { xmlns: NS_ROLE, id: d.id, role: d.role, ...(replyTo ? { 'in-reply-to': replyTo } : {}) },
      ...d.reached.map((p) => xml('person', { jid: p.jid, name: p.name })),
    ),
  );
}
