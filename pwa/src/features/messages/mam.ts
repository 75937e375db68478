// XEP-0313 archive queries, paged with XEP-0059: backwards for history, forwards
// to catch up. The user's own archive filtered by peer for 1:1 chats, the
// room's archive (XEP-0313 §5: the query goes to the room's JID) for rooms.
import { NS_DATA, NS_MAM, NS_RSM } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

export interface MamRequest {
  readonly queryid: string;
  readonly max: number;
  /** 1:1: only the conversation with this bare JID. */
  readonly with?: string;
  /** Rooms: the room's bare JID; the user's own archive when absent. */
  readonly to?: string;
  /** The page before this archive id; '' asks for the last page (XEP-0059 §2.5). */
  readonly before?: string;
  /** The page after this archive id: what was missed since (XEP-0059 §2.2). */
  readonly after?: string;
}

export function mamQuery(r: MamRequest): XmlElement {
  const fields = [xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM))];
  if (r.with) fields.push(xml('field', { var: 'with' }, xml('value', {}, r.with)));
  const page = r.after !== undefined ? xml('after', {}, r.after) : xml('before', {}, r.before ?? '');
  return xml(
    'iq',
    r.to ? { type: 'set', to: r.to } : { type: 'set' },
    xml(
      'query',
      { xmlns: NS_MAM, queryid: r.queryid },
      xml('x', { xmlns: NS_DATA, type: 'submit' }, ...fields),
      xml('set', { xmlns: NS_RSM }, xml('max', {}, String(r.max)), page),
    ),
  );
}

export interface MamPage {
  readonly complete: boolean;
  /** The oldest archive id of the page: ask for what is before it next. */
  readonly first: string;
  /** The newest archive id of the page: ask for what is after it next. */
  readonly last: string;
}

export function parseFin(iq: XmlElement): MamPage | undefined {
  const fin = iq.getChild('fin', NS_MAM);
  if (!fin) return undefined;
  const set = fin.getChild('set', NS_RSM);
  return {
    complete: fin.attrs.complete === 'true',
    first: set?.getChildText('first') ?? '',
    last: set?.getChildText('last') ?? '',
  };
}
