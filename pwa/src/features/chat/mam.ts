// XEP-0313 archive queries, newest first, paged backwards with XEP-0059.
import { NS_DATA, NS_MAM, NS_RSM } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

export function mamQuery(queryid: string, peer: string, max: number, before = ''): XmlElement {
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'query',
      { xmlns: NS_MAM, queryid },
      xml(
        'x',
        { xmlns: NS_DATA, type: 'submit' },
        xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, NS_MAM)),
        xml('field', { var: 'with' }, xml('value', {}, peer)),
      ),
      // XEP-0059 §2.5: an empty <before/> asks for the last page.
      xml('set', { xmlns: NS_RSM }, xml('max', {}, String(max)), xml('before', {}, before)),
    ),
  );
}

export interface MamPage {
  readonly complete: boolean;
  /** The oldest archive id of the page: ask for what is before it next. */
  readonly first: string;
}

export function parseFin(iq: XmlElement): MamPage | undefined {
  const fin = iq.getChild('fin', NS_MAM);
  if (!fin) return undefined;
  return { complete: fin.attrs.complete === 'true', first: fin.getChild('set', NS_RSM)?.getChildText('first') ?? '' };
}
