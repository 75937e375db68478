// A plain text message (RFC 6121 §5.2.3 body).
import { NS_CHATSTATES, NS_MARKERS, NS_RECEIPTS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Kind } from './kind.ts';

export interface Text {
  readonly kind: 'text';
  readonly body: string;
  /** The user chose to send it unencrypted where it cannot be encrypted (outbound.ts, AskFirst). */
  readonly plain?: boolean;
}

export const text: Kind<Text> = {
  kind: 'text',
  shown: true,
  markable: true,
  preview: (c) => c.body,
  parse(msg) {
    const body = msg.getChildText('body');
    return body ? { kind: 'text', body } : undefined;
  },
  build(c, to) {
    const body = xml('body', {}, c.body);
    // XEP-0333 §4: markable, so read markers can point at it.
    if (to.type === 'groupchat') return [body, xml('markable', { xmlns: NS_MARKERS })];
    return [
      body,
      // XEP-0184: receipts in 1:1 chats only (§5.3: not in rooms).
      xml('request', { xmlns: NS_RECEIPTS }),
      xml('markable', { xmlns: NS_MARKERS }),
      // XEP-0085 §5.2: sending a message means the user is active again.
      xml('active', { xmlns: NS_CHATSTATES }),
    ];
  },
};
