// A request's new status and tally, from its own address (or from the
// component in the room it was posted to). It changes the request's line
// wherever it is shown, by id; it is never a line of its own.
import { NS_REQUEST, type RequestState } from '@bleep/protocol';
import type { Kind } from './kind.ts';
import { parseState, speaksForRequests } from './request-codec.ts';

export interface RequestStateContent {
  readonly kind: 'request-state';
  readonly state: RequestState;
}

export const requestState: Kind<RequestStateContent> = {
  kind: 'request-state',
  anywhere: true,
  parse(msg, ctx) {
    const el = msg.getChild('state', NS_REQUEST);
    if (!el) return undefined;
    const state = speaksForRequests(ctx) ? parseState(el) : undefined;
    return state && { kind: 'request-state', state };
  },
};
