// The user's answer to a request: one tap sends a chat message to the
// request's address with the choice's value (protocol/fixtures/request-answer.xml);
// the body is its label, so the user's other clients show something readable.
import { NS_REQUEST } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Kind } from './kind.ts';

export interface RequestAnswer {
  readonly kind: 'request-answer';
  readonly choice: string;
  readonly label: string;
}

export const requestAnswer: Kind<RequestAnswer> = {
  kind: 'request-answer',
  parse(msg) {
    // Our own answer from another device (a carbon): an answer, not a text line.
    const a = msg.getChild('answer', NS_REQUEST);
    return a?.attrs.choice
      ? { kind: 'request-answer', choice: a.attrs.choice, label: msg.getChildText('body') ?? '' }
      : undefined;
  },
  build: (c) => [xml('body', {}, c.label), xml('answer', { xmlns: NS_REQUEST, choice: c.choice })],
};
