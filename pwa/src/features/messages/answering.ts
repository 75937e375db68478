// One tap answers a request (issue #8): a message to the request's own
// address with the choice (kinds/request-answer.ts). The user's latest answer
// to each request is kept until sign-out, with the component's refusal in
// words when it refuses one (nothing was recorded then).
import type { Choice, RequestPayload } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import { reactive } from 'vue';
import type { MessageContent, Target } from './content.ts';
import { parseAnswerRefusal } from './kinds/request-codec.ts';

/** An answer the user tapped: its message id, and the component's refusal in words ('' while none). */
export interface AnswerSent {
  readonly choice: string;
  readonly id: string;
  error: string;
}

export interface AnsweringLink {
  online(): boolean;
  /** Composes and sends; resolves once it is on the socket. */
  send(to: Target, content: MessageContent, id: string): Promise<void>;
  opsHost(): string;
}

export function createAnswering(link: AnsweringLink) {
  /** By request id. */
  const answers = reactive(new Map<string, AnswerSent>());
  return {
    answers: answers as ReadonlyMap<string, Readonly<AnswerSent>>,
    /** Not kept for later: an answer means now, so offline it is not sent and the user is told. */
    async answer(r: Pick<RequestPayload, 'id' | 'jid'>, choice: Pick<Choice, 'value' | 'label'>): Promise<void> {
      answers.set(r.id, { choice: choice.value, id: crypto.randomUUID(), error: '' });
      const a = answers.get(r.id)!;
      if (!link.online()) {
        a.error = 'You are offline: your answer was not sent. Answer again once you are back online.';
        return;
      }
      const content = { kind: 'request-answer', choice: choice.value, label: choice.label } as const;
      await link.send({ jid: r.jid, type: 'chat' }, content, a.id).catch(() => {
        a.error = 'Your answer could not be sent. Try again.';
      });
    },
    /** A stanza came: if it refuses one of the user's answers, that answer says why. */
    refused(stanza: XmlElement): void {
      const r = parseAnswerRefusal(stanza, link.opsHost());
      const a = r && [...answers.values()].find((x) => x.id === r.id);
      if (a) a.error = r!.text;
    },
    clear: () => answers.clear(),
  };
}
