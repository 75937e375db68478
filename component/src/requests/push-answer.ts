// An answer from a push notification's button (issue #12): the service worker
// POSTs the push's token and the choice (protocol PUSH_ANSWER_PATH); the token
// names the request and the person (responses/token.ts), and the answer then
// takes the same path, rules and tally as one sent over XMPP (answer.ts),
// recorded with the resource "push" as the device it came from.
import type { PushAnswer } from '@bleep/protocol';
import type { Authz } from '../authz.ts';
import type { ComponentConfig } from '../config.ts';
import type { PostHandler } from '../http/routes.ts';
import { AnswerTokens } from '../responses/token.ts';
import { BleepError } from '../xmpp/errors.ts';
import { takeAnswer, type AnswerDeps } from './answer.ts';

/** The device an answer from a notification is recorded from (the audit's "from which device"). */
export const PUSH_RESOURCE = 'push';

export function pushAnswer(
  deps: AnswerDeps & { readonly authz: Authz; readonly config: ComponentConfig },
): PostHandler {
  const tokens = new AnswerTokens(deps.config.componentSecret);
  return async (body) => {
    const { token, choice } = body as Partial<Record<keyof PushAnswer, unknown>>;
    if (typeof token !== 'string' || typeof choice !== 'string' || !choice)
      throw new BleepError('bad-answer', "Send the notification's token and one of the request's choices.");
    const grant = tokens.read(token, (deps.now?.() ?? new Date()).getTime());
    const caller = { jid: `${grant.by}/${PUSH_RESOURCE}`, bare: grant.by, domain: deps.config.domain };
    await deps.authz.require(caller, 'staff', 'answer a request');
    const { request, answer } = await takeAnswer(deps, caller, `req-${grant.request}`, () => choice);
    const label = request.choices.find((c) => c.value === answer.choice)?.label ?? answer.choice;
    return { text: `Answered "${request.title}": ${label}.` };
  };
}
