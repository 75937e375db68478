// XEP-0045 and XEP-0249 stanzas the component sends to rooms on Prosody's MUC,
// and the little it reads back. https://xmpp.org/extensions/xep-0045.html
import {
  FORM_MUC_ROOMCONFIG,
  NS_CONFERENCE,
  NS_DATA,
  NS_MUC,
  NS_MUC_ADMIN,
  NS_MUC_OWNER,
  NS_MUC_USER,
  ROOM_CONFIG,
} from '@bleep/protocol';
import { xml, type Element } from './xml.ts';

export const NICK = 'Bleep';

/** XEP-0045 §5.2: the affiliations the component reads and writes. */
export const AFFILIATIONS = ['owner', 'admin', 'member', 'outcast'] as const;
export type Affiliation = (typeof AFFILIATIONS)[number] | 'none';

/** §7.2: enter the room; no history (§7.2.15), the component only sets rooms up. */
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

/**
 * §7.2.3: our own presence back from the room (status 110); `created` when it is new (201, §10.1.1); `left`
 * when it says we are out (unavailable: we left, were kicked or the room was destroyed, §7.14, §9.2, §10.9).
 */
export function selfPresence(p: Element): { room: string; created: boolean; left: boolean } | undefined {
  const x = p.getChild('x', NS_MUC_USER);
  const codes = x?.getChildren('status').map((s) => s.attrs.code) ?? [];
  if (p.name !== 'presence' || !codes.includes('110')) return undefined;
  return {
    room: (p.attrs.from ?? '').split('/')[0]!,
    created: codes.includes('201'),
    left: p.attrs.type === 'unavailable',
  };
}

/** §7.2.6-§7.2.10: the room refused our join (a presence error from it); `condition` is the error's first child. */
export function joinRefusal(p: Element): { room: string; condition: string } | undefined {
  if (p.name !== 'presence' || p.attrs.type !== 'error') return undefined;
  return {
    room: (p.attrs.from ?? '').split('/')[0]!,
    condition: p.getChild('error')?.getChildElements()[0]?.name ?? 'unknown',
  };
}

/** §10.1.3: submit the room configuration: Bleep's ROOM_CONFIG, the name, and a caller's extra fields. */
/** Extra room configuration: one value, or several for a list-multi field such as muc#roomconfig_presencebroadcast. */
export type RoomFields = Readonly<Record<string, string | readonly string[]>>;

export function configureIq(from: string, room: string, name: string, extra: RoomFields = {}): Element {
  return roomFormIq(from, room, { ...ROOM_CONFIG, 'muc#roomconfig_roomname': name, ...extra });
}

/** §10.2: a form with only some fields changes only those (Prosody applies the fields present). */
export function roomFormIq(from: string, room: string, fields: RoomFields): Element {
  const field = (v: string, value: string | readonly string[]) =>
    xml('field', { var: v }, ...(typeof value === 'string' ? [value] : value).map((x) => xml('value', {}, x)));
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
        ...Object.entries(fields).map(([v, value]) => field(v, value)),
      ),
    ),
  );
}

/** §9.3, §9.4, §10.3–10.7: set one affiliation. DESIGN.md trap: one item per muc#admin IQ on Prosody 0.12. */
export function affiliationIq(from: string, room: string, jid: string, affiliation: Affiliation): Element {
  return xml(
    'iq',
    { type: 'set', from, to: room },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation, jid })),
  );
}

/** §7.4: a message to all occupants, archived by the room (XEP-0313) like any other. */
export function roomMessage(from: string, room: string, text: string): Element {
  return xml('message', { type: 'groupchat', from, to: room }, xml('body', {}, text));
}

/** §9.5, §10.5, §10.8: ask for the JIDs holding one affiliation (Prosody reads only the first item). */
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

/** XEP-0249: a direct invitation, from the component to the person. */
export function directInvite(from: string, to: string, room: string, reason: string): Element {
  return xml('message', { from, to }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason }));
}

/**
 * XEP-0045 §7.8.2: a mediated invitation, sent through the room (which adds the password, if any). Prosody 0.12
 * passes on the whole message, `id` and `extra` children included (muc.lib.lua handle_mediated_invite): the alarm
 * rides in it (alarms/codec.ts).
 */
export function mediatedInvite(
  from: string,
  room: string,
  to: string | readonly string[],
  reason: string,
  id?: string,
  ...extra: Element[]
): Element {
  // Several invitees: one <invite/> each (XEP-0045's schema allows any number; mod_bleep_muc_multi_invite
  // makes Prosody 0.12, which reads only the first, handle each).
  const invites = (typeof to === 'string' ? [to] : to).map((t) => xml('invite', { to: t }, xml('reason', {}, reason)));
  return xml(
    'message',
    { from, to: room, ...(id ? { id } : {}) },
    xml('x', { xmlns: NS_MUC_USER }, ...invites),
    ...extra,
  );
}
