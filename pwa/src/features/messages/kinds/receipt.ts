// XEP-0184: the other side received a message (1:1 chats only, §5.3).
import { NS_HINTS, NS_RECEIPTS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Kind } from './kind.ts';

export interface Receipt {
  readonly kind: 'receipt';
  /** The id of the message received. */
  readonly of: string;
}

export const receipt: Kind<Receipt> = {
  kind: 'receipt',
  parse(msg) {
    const of = msg.getChild('received', NS_RECEIPTS)?.attrs.id;
    return of ? { kind: 'receipt', of } : undefined;
  },
  // Not archived (XEP-0334 no-permanent-store; offline storage still keeps it):
  // Prosody would otherwise write every receipt into both archives, doubling its
  // storage work per message, and the app never reads receipts back from MAM.
  build: (c) => [xml('received', { xmlns: NS_RECEIPTS, id: c.of }), xml('no-permanent-store', { xmlns: NS_HINTS })],
};
