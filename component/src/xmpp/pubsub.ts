// XEP-0060 publish-subscribe on the component: one <pubsub/> IQ route, and
// one handler per node (location, push), picked by the action's `node`.
// https://xmpp.org/extensions/xep-0060.html#entity
import { NS_PUBSUB } from '@bleep/protocol';
import { BleepError, quote } from './errors.ts';
import type { Caller, IqHandler, IqRequest } from './router.ts';
import type { Element } from './xml.ts';

/** The actions a node handler is given, with the IQ type each one comes in (XEP-0060 §6, §7). */
const ACTIONS = {
  items: 'get',
  publish: 'set',
  retract: 'set',
  subscribe: 'set',
  unsubscribe: 'set',
} as const;
export type PubsubAction = keyof typeof ACTIONS;

export interface PubsubRequest {
  readonly caller: Caller;
  readonly action: PubsubAction;
  readonly node: string;
  /** The action element (<publish/>, <items/> …); the node's codec parses its items. */
  readonly element: Element;
  /** The whole <pubsub/>, for siblings such as <publish-options/> (§7.1.5). */
  readonly pubsub: Element;
}

/** Returns the <pubsub/> result payload, or nothing for an empty result; throws BleepError to refuse. */
export type PubsubHandler = (req: PubsubRequest) => Promise<Element | undefined> | Element | undefined;

/** One node by name, or every node whose name starts with `prefix` (push: one node per subscription). */
export type NodeMatch = string | { readonly prefix: string };

export class PubsubNodes {
  private readonly nodes = new Map<string, PubsubHandler>();
  private readonly prefixes = new Map<string, PubsubHandler>();

  get size(): number {
    return this.nodes.size + this.prefixes.size;
  }

  add(match: NodeMatch, handler: PubsubHandler): void {
    const [map, key] = typeof match === 'string' ? [this.nodes, match] : [this.prefixes, match.prefix];
    if (map.has(key)) throw new Error(`Two handlers for the pubsub node "${key}": each node has one owner.`);
    map.set(key, handler);
  }

  private find(node: string): PubsubHandler | undefined {
    const exact = this.nodes.get(node);
    if (exact) return exact;
    for (const [prefix, h] of this.prefixes) if (node.startsWith(prefix)) return h;
    return undefined;
  }

  /** Registers the <pubsub/> IQ route of one type on the router. */
  route(
    router: { iq(type: 'get' | 'set', ns: string, name: string, h: IqHandler): unknown },
    type: 'get' | 'set',
  ): void {
    router.iq(type, NS_PUBSUB, 'pubsub', (req) => this.dispatch(req));
  }

  private dispatch({ caller, type, payload }: IqRequest): ReturnType<PubsubHandler> {
    const element = payload.getChildElements().find((c) => c.name in ACTIONS);
    const action = element?.name as PubsubAction | undefined;
    if (!element || !action || ACTIONS[action] !== type)
      throw new BleepError(
        'bad-stanza',
        `This pubsub service takes ${Object.entries(ACTIONS)
          .map(([a, t]) => `${a} (${t})`)
          .join(', ')}.`,
      );
    const node = element.attrs.node;
    // XEP-0060 §7.1.3.3, §6.1.3.3: a request without a node is refused (nodeid-required).
    if (!node) throw new BleepError('bad-stanza', `The <${action}/> request names no node.`);
    const handler = this.find(node);
    // XEP-0060 §6.1.3.12, §7.1.3.3: a node that does not exist is item-not-found.
    if (!handler) throw new BleepError('unknown-node', `There is no pubsub node ${quote(node)} on this service.`);
    return handler({ caller, action, node, element, pubsub: payload });
  }
}
