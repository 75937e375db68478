// Role addressing on the wire (protocol/README.md, "Role addressing"): the
// component's answers to the sender. Role messages are built like any other
// (conversation/outbound.ts); deliveries to us are a content kind there.
import { NS_ROLE, NS_STANZAS } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

export interface Reached {
  /** The id of the message it answers (our stanza id). */
  readonly inReplyTo: string;
  readonly role: string;
  readonly people: readonly { readonly jid: string; readonly name: string }[];
}

const fromOps = (stanza: XmlElement, opsHost: string) =>
  (stanza.attrs.from ?? '').split('/')[0]!.endsWith(`@${opsHost}`);

/** The component's confirmation of whom a role message reached; only from ops.<domain>. */
export function parseReached(stanza: XmlElement, opsHost: string): Reached | undefined {
  const r = stanza.getChild('reached', NS_ROLE);
  if (!r || !fromOps(stanza, opsHost)) return undefined;
  return {
    inReplyTo: r.attrs['in-reply-to'] ?? '',
    role: r.attrs.role ?? '',
    people: r.getChildren('person').map((p) => ({ jid: p.attrs.jid ?? '', name: p.attrs.name ?? '' })),
  };
}

/** A refusal of a role message (nobody on duty, too long …): its id and readable text. */
export function parseRoleError(stanza: XmlElement, opsHost: string): { id: string; text: string } | undefined {
  if (stanza.name !== 'message' || stanza.attrs.type !== 'error' || !fromOps(stanza, opsHost)) return undefined;
  const text = stanza.getChild('error')?.getChildText('text', NS_STANZAS) ?? 'The message could not be delivered.';
  return { id: stanza.attrs.id ?? '', text };
}
