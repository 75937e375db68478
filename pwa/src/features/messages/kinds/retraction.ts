// XEP-0424: the sender takes one of their messages back, by its origin-id.
import { NS_FALLBACK, NS_HINTS, NS_RETRACT } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Kind } from './kind.ts';

export interface Retraction {
  readonly kind: 'retraction';
  readonly retracts: string;
}

export const retraction: Kind<Retraction> = {
  kind: 'retraction',
  parse(msg) {
    // A retraction carries a fallback body for old clients; it is not a message.
    const retracts = msg.getChild('retract', NS_RETRACT)?.attrs.id;
    return retracts ? { kind: 'retraction', retracts } : undefined;
  },
  build: (c) => [
    xml('retract', { xmlns: NS_RETRACT, id: c.retracts }),
    xml('fallback', { xmlns: NS_FALLBACK, for: NS_RETRACT }),
    xml('body', {}, 'This person retracted a previous message, but your app does not show retractions.'),
    // XEP-0424 §5: archived, so that every device and a later reload see it.
    xml('store', { xmlns: NS_HINTS }),
  ],
};
