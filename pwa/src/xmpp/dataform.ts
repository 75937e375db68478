// XEP-0004 data forms: the values of each field, by var.
import type { XmlElement } from '@xmpp/client';

export function formValues(x: XmlElement): Map<string, string[]> {
  return new Map(x.getChildren('field').map((f) => [f.attrs.var ?? '', f.getChildren('value').map((v) => v.text())]));
}
