// XEP-0333: everything up to this message has been displayed (read).
import { NS_MARKERS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Kind } from './kind.ts';

export interface Displayed {
  readonly kind: 'displayed';
  readonly of: string;
}

export const displayed: Kind<Displayed> = {
  kind: 'displayed',
  parse(msg) {
    const of = msg.getChild('displayed', NS_MARKERS)?.attrs.id;
    return of ? { kind: 'displayed', of } : undefined;
  },
  // No body: Prosody keeps 1:1 markers out of the archive; room markers are
  // archived, so who-read survives a reload (protocol/README.md).
  build: (c) => [xml('displayed', { xmlns: NS_MARKERS, id: c.of })],
};
