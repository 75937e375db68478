// XEP-0085 chat states (typing), in 1:1 chats and rooms (§5.5); live only.
import { NS_CHATSTATES, NS_HINTS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import type { Kind } from './kind.ts';

export type ChatState = 'active' | 'composing' | 'paused' | 'inactive' | 'gone';
const STATES: readonly ChatState[] = ['active', 'composing', 'paused', 'inactive', 'gone'];

export interface ChatStateContent {
  readonly kind: 'chatstate';
  readonly state: ChatState;
}

export const chatState: Kind<ChatStateContent> = {
  kind: 'chatstate',
  parse(msg, ctx) {
    if (ctx.archived || msg.getChildText('body')) return undefined;
    const state = STATES.find((s) => msg.getChild(s, NS_CHATSTATES));
    return state && { kind: 'chatstate', state };
  },
  build: (c) => [xml(c.state, { xmlns: NS_CHATSTATES }), xml('no-store', { xmlns: NS_HINTS })],
};
