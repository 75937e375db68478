// Role addressing on the wire (protocol/README.md, "Role addressing"): the
// component's answers to the sender, and the role-resolve result (writing to
// a role with encryption on). Role messages are built like any other
// (conversation/outbound.ts); deliveries to us are a content kind there.
import { NS_ROLE, NS_STANZAS, ROLE_RESOLVE_FIELDS } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import { parseTable } from '../forms/dataform.ts';

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

/** The role-resolve command's result table → the people on duty (`jid`, `name`); an Error if it has none. */
export function parseResolved(x: XmlElement | undefined): Reached['people'] | Error {
  if (!x) return new Error('The operations service did not say who is on duty.');
  return parseTable(x).map((row) => ({
    jid: row[ROLE_RESOLVE_FIELDS.jid]?.[0] ?? '',
    name: row[ROLE_RESOLVE_FIELDS.name]?.[0] ?? '',
  }));
}

/** What each person reached reads (encrypted, from the sender): any OMEMO client shows the role with it. */
export const toRoleText = (role: string, text: string) => `To on-duty ${role}: ${text}`;
