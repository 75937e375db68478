// XEP-0163 personal eventing: publish one item with the options the node must
// have (XEP-0060 §7.1.5). One builder for every PEP node the app writes
// (bookmarks, OMEMO device lists and bundles).
import { FORM_PUBLISH_OPTIONS, NS_DATA, NS_PUBSUB } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

/** A submitted XEP-0004 form of single values. */
export function submitForm(formType: string, values: Record<string, string>): XmlElement {
  const field = (v: string, value: string) => xml('field', { var: v }, xml('value', {}, value));
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    field('FORM_TYPE', formType),
    ...Object.entries(values).map(([v, value]) => field(v, value)),
  );
}

export function publishIq(
  node: string,
  itemId: string,
  payload: XmlElement,
  options: Record<string, string>,
): XmlElement {
  return xml(
    'iq',
    { type: 'set' },
    xml(
      'pubsub',
      { xmlns: NS_PUBSUB },
      xml('publish', { node }, xml('item', { id: itemId }, payload)),
      xml('publish-options', {}, submitForm(FORM_PUBLISH_OPTIONS, options)),
    ),
  );
}
