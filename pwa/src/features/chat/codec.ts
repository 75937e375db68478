// 1:1 chats on the wire, beyond the messages themselves (conversation/outbound.ts builds those).
import { NS_CARBONS } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

/** XEP-0280 §5: copies of the user's messages from and to their other devices. */
export function enableCarbons(): XmlElement {
  return xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_CARBONS }));
}
