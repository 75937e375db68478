// XEP-0308: the new text of one of the sender's own earlier messages.
import { NS_CORRECT } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Kind } from './kind.ts';

export interface Correction {
  readonly kind: 'correction';
  /** The id (origin-id) of the message it corrects. */
  readonly replaces: string;
  readonly body: string;
  /** The user chose to send it unencrypted where it cannot be encrypted (outbound.ts, AskFirst). */
  readonly plain?: boolean;
}

export const correction: Kind<Correction> = {
  kind: 'correction',
  parse(msg) {
    const replaces = msg.getChild('replace', NS_CORRECT)?.attrs.id;
    const body = msg.getChildText('body');
    return replaces && body ? { kind: 'correction', replaces, body } : undefined;
  },
  build: (c) => [xml('body', {}, c.body), xml('replace', { xmlns: NS_CORRECT, id: c.replaces })],
};
