// MUC stanzas the component sends to set up department rooms (XEP-0045).
import {
  FORM_MUC_ROOMCONFIG,
  ROOM_CONFIG,
  NS_CONFERENCE,
  NS_DATA,
  NS_MUC,
  NS_MUC_ADMIN,
  NS_MUC_OWNER,
  NS_MUC_USER,
} from '@bleep/protocol';
import { xml, type Element } from '../xmpp/xml.ts';

export const NICK = 'Bleep';

export function departmentRoom(department: string, mucHost: string): string {
  const slug = department
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `dept-${slug || 'staff'}@${mucHost}`;
}

export function joinPresence(from: string, room: string): Element {
  return xml(
    'presence',
    { from, to: `${room}/${NICK}` },
    xml('x', { xmlns: NS_MUC }, xml('history', { maxstanzas: '0' })),
  );
}

export function leavePresence(from: string, room: string): Element {
  return xml('presence', { from, to: `${room}/${NICK}`, type: 'unavailable' });
}

/** Our own presence back from the room (status 110); `created` when it is new (201). */
export function selfPresence(p: Element): { room: string; created: boolean } | undefined {
  const x = p.getChild('x', NS_MUC_USER);
  const codes = x?.getChildren('status').map((s) => s.attrs.code) ?? [];
  if (p.name !== 'presence' || !codes.includes('110')) return undefined;
  return { room: (p.attrs.from ?? '').split('/')[0]!, created: codes.includes('201') };
}

export function configureIq(from: string, room: string, name: string): Element {
  const field = (v: string, value: string) => xml('field', { var: v }, xml('value', {}, value));
  return xml(
    'iq',
    { type: 'set', from, to: room },
    xml(
      'query',
      { xmlns: NS_MUC_OWNER },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        field('FORM_TYPE', FORM_MUC_ROOMCONFIG),
        field('muc#roomconfig_roomname', name),
        ...Object.entries(ROOM_CONFIG).map(([v, value]) => field(v, value)),
      ),
    ),
  );
}

/** XEP-0045 §5.2: the affiliations the component reads and writes. */
export const AFFILIATIONS = ['owner', 'admin', 'member', 'outcast'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number] | 'none';

/** XEP-0045 §9.3, §9.4: grant or take membership. DESIGN.md trap: one item per muc#admin IQ on Prosody 0.12. */
export function affiliationIq(from: string, room: string, jid: string, affiliation: 'member' | 'none'): Element {
  return xml(
    'iq',
    { type: 'set', from, to: room },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation, jid })),
  );
}

/** XEP-0045 §9.5, §10.5, §10.8: ask for the JIDs holding one affiliation (Prosody reads only the first item). */
export function affiliationListIq(from: string, room: string, affiliation: Affiliation): Element {
  return xml(
    'iq',
    { type: 'get', from, to: room },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation })),
  );
}

/** The bare JIDs in an affiliation list result, lower-cased like the directory's. */
export function affiliationList(result: Element): string[] {
  const items = result.getChild('query', NS_MUC_ADMIN)?.getChildren('item') ?? [];
  return items.map((i) => (i.attrs.jid ?? '').split('/')[0]!.toLowerCase()).filter(Boolean);
}

/** XEP-0249 direct invitation, from the component. */
export function invite(from: string, to: string, room: string, name: string): Element {
  return xml('message', { from, to }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason: name }));
}
