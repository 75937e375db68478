// A quick-response request (issue #8; protocol/README.md, "Quick responses"):
// buttons, one tap answers. To a person or a role it comes from the request's
// own address and is shown in the conversation with its real sender; to a
// room the component posts it there. Its live state is merged in by id
// (request-state.ts, ../requests.ts).
import { NS_REQUEST, type RequestPayload } from '@bleep/protocol';
import type { Kind } from './kind.ts';
import { parseRequest, speaksForRequests } from './request-codec.ts';
import { statusLine } from './request-status.ts';

export interface RequestContent {
  readonly kind: 'request';
  readonly request: RequestPayload;
}

/** The id every copy of a request is known by, in every conversation. */
export const requestLineId = (id: string) => `req-${id}`;

export const request: Kind<RequestContent> = {
  kind: 'request',
  shown: true,
  preview: (c) => `${c.request.title}: ${statusLine(c.request, c.request.state)}`,
  parse(msg, ctx) {
    const el = msg.getChild('request', NS_REQUEST);
    if (!el) return undefined;
    const r = speaksForRequests(ctx) ? parseRequest(el) : undefined;
    if (!r || (ctx.type === 'chat' && r.jid !== ctx.from)) return undefined;
    return { kind: 'request', request: r };
  },
  // Shown as from its sender; in a chat, in the conversation with them (a room's stays in the room). The
  // sender's own copy goes in the chat it was sent from.
  relayed: (c) => ({ from: c.request.sender, id: requestLineId(c.request.id), conversation: c.request.chat }),
};
