// Group rooms on Prosody's MUC (XEP-0045) ↔ typed values.
// Rooms are members-only, non-anonymous and archived (Prosody's defaults, set
// by prosody-config; the configuration form below says so again on creation).
import {
  FORM_MUC_ROOMCONFIG,
  ROOM_CONFIG,
  NS_BOOKMARKS,
  NS_PUBSUB,
  NS_CONFERENCE,
  NS_DATA,
  NS_DISCO_INFO,
  NS_MUC,
  NS_MUC_ADMIN,
  NS_MUC_OWNER,
  NS_MUC_USER,
  NS_STANZAS,
} from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { publishIq } from '../../xmpp/pep.ts';

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();
const resource = (jid: string | undefined) => (jid ?? '').split('/').slice(1).join('/');

/** XEP-0045 §7.2: join; ask for no history (§7.2.15): the room's archive has it, paged (XEP-0313). */
export function joinPresence(room: string, nick: string): XmlElement {
  return xml('presence', { to: `${room}/${nick}` }, xml('x', { xmlns: NS_MUC }, xml('history', { maxstanzas: '0' })));
}

export interface Occupant {
  readonly room: string;
  readonly nick: string;
  /** Real JID (non-anonymous rooms show it). */
  readonly jid: string;
  readonly self: boolean;
  /** Status 201: we created the room and must configure it. */
  readonly created: boolean;
  readonly left: boolean;
  /** Left because the room removed them: banned (301), kicked (307), no longer a member (321, 322). */
  readonly removed: boolean;
  /**
   * XEP-0045 §5.1: a visitor may read the room but not write in it. Bleep's read-only rooms (a resolved incident, a
   * retired department: mod_bleep_muc_readonly) make everyone but their owners one.
   */
  readonly visitor: boolean;
}

export function parseOccupant(p: XmlElement, mucHost: string): Occupant | undefined {
  if (p.name !== 'presence' || p.attrs.type === 'error') return undefined;
  const room = bare(p.attrs.from);
  if (!room.endsWith(`@${mucHost}`)) return undefined;
  const x = p.getChild('x', NS_MUC_USER);
  if (!x) return undefined;
  const codes = x.getChildren('status').map((s) => s.attrs.code);
  const item = x.getChild('item');
  return {
    room,
    nick: resource(p.attrs.from),
    jid: bare(item?.attrs.jid),
    self: codes.includes('110'),
    created: codes.includes('201'),
    left: p.attrs.type === 'unavailable',
    removed: p.attrs.type === 'unavailable' && codes.some((c) => ['301', '307', '321', '322'].includes(c ?? '')),
    visitor: item?.attrs.role === 'visitor',
  };
}

/**
 * A refused join (XEP-0045 §7.2): 'conflict' (409: someone else has the nick),
 * 'registration-required' (not a member), 'forbidden' (banned), …
 */
export function parseJoinError(p: XmlElement, mucHost: string): { room: string; condition: string } | undefined {
  if (p.name !== 'presence' || p.attrs.type !== 'error') return undefined;
  const room = bare(p.attrs.from);
  if (!room.endsWith(`@${mucHost}`)) return undefined;
  const condition = p.getChild('error')?.children.find((c) => typeof c !== 'string' && c.attrs.xmlns === NS_STANZAS);
  return { room, condition: typeof condition === 'object' ? condition.name : 'undefined-condition' };
}

/** One XEP-0004 field of a submitted form. */
const field = (v: string, value: string) => xml('field', { var: v }, xml('value', {}, value));

/** XEP-0045 §10.1.3: the owner's configuration, as Bleep makes its rooms. */
export function configureIq(room: string, name: string): XmlElement {
  return roomConfigIq(room, { 'muc#roomconfig_roomname': name, ...ROOM_CONFIG });
}

/** XEP-0045 §10.2: the owner changes these room settings (the others stay as they are). */
export function roomConfigIq(room: string, fields: Readonly<Record<string, string>>): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: room },
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

/** DESIGN.md trap: Prosody 0.12 applies only the first item of a muc#admin set, so one IQ per member. */
export function memberIq(room: string, jid: string): XmlElement {
  return xml(
    'iq',
    { type: 'set', to: room },
    xml('query', { xmlns: NS_MUC_ADMIN }, xml('item', { affiliation: 'member', jid })),
  );
}

/** XEP-0249 direct invitation. */
export function inviteStanza(to: string, room: string, name: string): XmlElement {
  return xml('message', { to }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason: name }));
}

/**
 * An invitation to one of this hospital's rooms, from a colleague or from the component (department rooms), or
 * a XEP-0045 §7.8.2 mediated one, which the room itself sends (incident rooms: the component invites that way).
 */
export function parseInvite(
  m: XmlElement,
  domain: string,
  mucHost: string,
  opsHost = `ops.${domain}`,
): { room: string; name: string } | undefined {
  if (m.name !== 'message' || m.attrs.type === 'error') return undefined;
  const mediated = m.getChild('x', NS_MUC_USER)?.getChild('invite');
  if (mediated) {
    const room = bare(m.attrs.from);
    return room.endsWith(`@${mucHost}`) ? { room, name: mediated.getChildText('reason') ?? '' } : undefined;
  }
  const x = m.getChild('x', NS_CONFERENCE);
  if (!x?.attrs.jid) return undefined;
  const from = bare(m.attrs.from);
  if (!(from.endsWith(`@${domain}`) || from === opsHost)) return undefined;
  if (!bare(x.attrs.jid).endsWith(`@${mucHost}`)) return undefined;
  return { room: bare(x.attrs.jid), name: x.attrs.reason ?? '' };
}

/** XEP-0402 §3.3: one item per room, private (whitelist) and kept. */
export function bookmarkIq(room: string, name: string, nick: string): XmlElement {
  return publishIq(
    NS_BOOKMARKS,
    room,
    xml('conference', { xmlns: NS_BOOKMARKS, name, autojoin: 'true' }, xml('nick', {}, nick)),
    {
      'pubsub#persist_items': 'true',
      'pubsub#max_items': 'max',
      'pubsub#send_last_published_item': 'never',
      'pubsub#access_model': 'whitelist',
    },
  );
}

/** XEP-0402 §3.5: the room is forgotten on every device. */
export function forgetBookmarkIq(room: string): XmlElement {
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('retract', { node: NS_BOOKMARKS, notify: 'true' }, xml('item', { id: room })),
    ),
  );
}

export function bookmarksQuery(): XmlElement {
  return xml('iq', { type: 'get' }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: NS_BOOKMARKS })));
}

/** The rooms to join again, from our own bookmarks. */
export function parseBookmarks(iq: XmlElement, mucHost: string): { room: string; name: string }[] {
  const items = iq.getChild('pubsub', NS_PUBSUB)?.getChild('items')?.getChildren('item') ?? [];
  return items
    .map((i) => ({ room: bare(i.attrs.id), c: i.getChild('conference', NS_BOOKMARKS) }))
    .filter(({ room, c }) => c && c.attrs.autojoin === 'true' && room.endsWith(`@${mucHost}`))
    .map(({ room, c }) => ({ room, name: c!.attrs.name ?? '' }));
}

/** What a room says of itself (XEP-0045 §6.4), as far as end-to-end encryption depends on it. */
export interface RoomPrivacy {
  /** muc_membersonly, else muc_open: only members get in. */
  readonly membersOnly: boolean;
  /** muc_nonanonymous, else muc_semianonymous: everyone sees the real JIDs, so their devices can be found. */
  readonly nonAnonymous: boolean;
}

export const roomInfoQuery = (room: string): XmlElement =>
  xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS_DISCO_INFO }));

export function parseRoomPrivacy(iq: XmlElement): RoomPrivacy {
  const features = new Set((iq.getChild('query', NS_DISCO_INFO)?.getChildren('feature') ?? []).map((f) => f.attrs.var));
  return { membersOnly: features.has('muc_membersonly'), nonAnonymous: features.has('muc_nonanonymous') };
}

/**
 * The room's name (XEP-0045 §6.4: the disco#info identity, muc#roomconfig_roomname); '' when it has none. A
 * department room takes its department's new name when an admin renames it, at the same address.
 */
export function parseRoomName(iq: XmlElement): string {
  const identity = iq
    .getChild('query', NS_DISCO_INFO)
    ?.getChildren('identity')
    .find((i) => i.attrs.category === 'conference');
  return (identity?.attrs.name ?? '').trim();
}

/**
 * XEP-0045 §10.2.1: the room's configuration changed (104), or who sees real JIDs did (172–174; Prosody
 * sends 104 when only members-only changes): the room whose features and name to read again, else undefined.
 */
export function parseConfigChange(m: XmlElement, mucHost: string): string | undefined {
  if (m.name !== 'message' || m.attrs.type === 'error') return undefined;
  const from = m.attrs.from ?? '';
  if (from.includes('/') || !from.toLowerCase().endsWith(`@${mucHost}`)) return undefined;
  const codes =
    m
      .getChild('x', NS_MUC_USER)
      ?.getChildren('status')
      .map((s) => s.attrs.code) ?? [];
  return codes.some((c) => ['104', '172', '173', '174'].includes(c ?? '')) ? bare(from) : undefined;
}
