// Routes each incoming stanza to a handler and turns every failure into an
// error stanza here, in one place. Handlers return values; they never send.
// A route can have one handler only: a second registration throws at start.
import { NS_MUC_USER } from '@bleep/protocol';
import { Addresses, type AddressMatch } from './addresses.ts';
import { BleepError, errorElement } from './errors.ts';
import { PubsubNodes, type NodeMatch, type PubsubHandler } from './pubsub.ts';
import { errorFor, resultFor } from './stanza.ts';
import type { Element } from './xml.ts';

/** Who sent a stanza, as Prosody stamped it (clients cannot forge 'from' towards a component). */
export interface Caller {
  /** Full JID. */
  readonly jid: string;
  /** Bare JID, lower-cased. */
  readonly bare: string;
  readonly domain: string;
}

export interface IqRequest {
  readonly caller: Caller;
  readonly type: 'get' | 'set';
  readonly payload: Element;
}

/** Presence is never answered (RFC 6121 §4.6); handlers only take note. A failure is logged, never sent back. */
export type PresenceHandler = (caller: Caller, type: string | undefined, stanza: Element) => void | Promise<void>;

/** Takes note of a presence error: a room refusing the component's join (muc.ts). Never answered; a failure is logged. */
export type PresenceErrorHandler = (stanza: Element) => void;

/** Takes note of a groupchat message in a room the component is in; never answered (XEP-0045 §7.4). A failure is logged. */
export type RoomMessageHandler = (stanza: Element) => Promise<void>;

/** Takes a message to the component itself; 'handled' when it did, undefined to fall through to the default refusal. */
export type MessageHandler = (caller: Caller, stanza: Element) => Promise<'handled' | undefined>;

/** Takes a message to <local>@ops.<domain>; throws BleepError to refuse. */
export type AddressHandler = (caller: Caller, stanza: Element, local: string) => Promise<void>;

/** Returns the result payload (or nothing for an empty result); throws BleepError to refuse. */
export type IqHandler = (req: IqRequest) => Promise<Element | undefined> | Element | undefined;

export interface RouterHooks {
  /** Unexpected failures (not BleepErrors), for the log. */
  onInternalError?: (err: unknown, stanza: Element) => void;
}

export function parseCaller(from: string | undefined): Caller | undefined {
  if (!from) return undefined;
  const bare = from.split('/')[0]!.toLowerCase();
  const at = bare.indexOf('@');
  return { jid: from, bare, domain: at >= 0 ? bare.slice(at + 1) : bare };
}

export class Router {
  private readonly iqs = new Map<string, IqHandler>();
  private readonly presences: PresenceHandler[] = [];
  private readonly presenceErrors: PresenceErrorHandler[] = [];
  private readonly messages: MessageHandler[] = [];
  private readonly roomMessages: RoomMessageHandler[] = [];
  private readonly addresses = new Addresses<AddressHandler>();
  private readonly nodes = new PubsubNodes();
  private readonly hooks: RouterHooks;

  constructor(hooks: RouterHooks = {}) {
    this.hooks = hooks;
  }

  /** Registers the handler for IQs of `type` whose payload is <name xmlns=ns/>. */
  iq(type: 'get' | 'set', ns: string, name: string, handler: IqHandler): this {
    const route = `${type} ${ns} ${name}`;
    if (this.iqs.has(route)) throw new Error(`Two handlers for the IQ route "${route}": each route has one owner.`);
    this.iqs.set(route, handler);
    return this;
  }

  /** Registers the handler for one XEP-0060 node (or a prefix of nodes) on the component's pubsub service. */
  pubsub(node: NodeMatch, handler: PubsubHandler): this {
    if (this.nodes.size === 0) for (const type of ['get', 'set'] as const) this.nodes.route(this, type);
    this.nodes.add(node, handler);
    return this;
  }

  /** Registers a message handler for the component's own address; the first that handles a message wins. */
  message(handler: MessageHandler): this {
    this.messages.push(handler);
    return this;
  }

  /** Registers a handler for the groupchat messages of the rooms the component is in. */
  roomMessage(handler: RoomMessageHandler): this {
    this.roomMessages.push(handler);
    return this;
  }

  /** Registers the handler for messages to a local part (or prefix, or any other local part) under the component. */
  address(match: AddressMatch, handler: AddressHandler): this {
    this.addresses.add(match, handler);
    return this;
  }

  /** Registers a handler for directed presence to the component. */
  presence(handler: PresenceHandler): this {
    this.presences.push(handler);
    return this;
  }

  /** Registers a handler for presence errors to the component (XEP-0045 §7.2.6-§7.2.10: a room refused its join). */
  presenceError(handler: PresenceErrorHandler): this {
    this.presenceErrors.push(handler);
    return this;
  }

  /** The reply to send for a stanza, or undefined when none is due. */
  async handle(stanza: Element): Promise<Element | undefined> {
    const type = stanza.attrs.type;
    // RFC 6120 §8.3.1 and §8.2.3: never answer an error or a result. A presence error is a room refusing the
    // component's join: its handlers take note, so the join ends at Prosody's refusal rather than at a timeout.
    if (type === 'error' && stanza.name === 'presence') return void this.handlePresenceError(stanza);
    if (type === 'error' || (stanza.name === 'iq' && type === 'result')) return undefined;
    // Room traffic reaches the component as an occupant. An error back would be noise, and Prosody removes an
    // occupant that bounces errors: handlers only take note, and reply, if at all, by a message of their own.
    if (stanza.name === 'message' && type === 'groupchat') return void (await this.handleRoomMessage(stanza));
    // XEP-0045 §9.3-9.5: a room tells its occupants of affiliation changes in a normal message with a muc#user
    // <x/>. Answering it with an error made Prosody 0.12 remove the component from the room (an occupant that
    // bounces errors is kicked), after which its posts there were refused.
    if (stanza.name === 'message' && stanza.getChild('x', NS_MUC_USER)) return undefined;
    if (stanza.name === 'presence') return void (await this.handlePresence(stanza));
    try {
      if (stanza.name === 'iq') return await this.handleIq(stanza);
      return await this.handleMessage(stanza);
    } catch (err) {
      if (!(err instanceof BleepError)) this.hooks.onInternalError?.(err, stanza);
      return errorFor(stanza, errorElement(err));
    }
  }

  // RFC 6121 §4.6: presence is not answered, not even with an error; each handler's failure is its own.
  private async handlePresence(stanza: Element): Promise<void> {
    const caller = parseCaller(stanza.attrs.from);
    if (!caller) return;
    for (const h of this.presences)
      try {
        await h(caller, stanza.attrs.type, stanza);
      } catch (err) {
        this.hooks.onInternalError?.(err, stanza);
      }
  }

  private handlePresenceError(stanza: Element): void {
    for (const h of this.presenceErrors)
      try {
        h(stanza);
      } catch (err) {
        this.hooks.onInternalError?.(err, stanza);
      }
  }

  private async handleRoomMessage(stanza: Element): Promise<void> {
    for (const h of this.roomMessages)
      try {
        await h(stanza);
      } catch (err) {
        this.hooks.onInternalError?.(err, stanza);
      }
  }

  private async handleMessage(stanza: Element): Promise<undefined> {
    const caller = parseCaller(stanza.attrs.from);
    if (!caller) return undefined;
    const to = stanza.attrs.to ?? '';
    const at = to.indexOf('@');
    if (at >= 0) {
      const local = to.slice(0, at).toLowerCase();
      await this.addresses.resolve(local, to)(caller, stanza, local);
      return undefined;
    }
    for (const h of this.messages) if ((await h(caller, stanza)) === 'handled') return undefined;
    throw new BleepError('unsupported', MESSAGE_TEXT);
  }

  private async handleIq(iq: Element): Promise<Element> {
    const type = iq.attrs.type;
    const children = iq.getChildElements();
    const caller = parseCaller(iq.attrs.from);
    // RFC 6120 §8.2.3: a get or set contains exactly one payload element.
    if ((type !== 'get' && type !== 'set') || children.length !== 1 || !caller || !iq.attrs.id)
      throw new BleepError('bad-stanza');
    const payload = children[0]!;
    const handler = this.iqs.get(`${type} ${payload.attrs.xmlns ?? ''} ${payload.name}`);
    if (!handler) throw new BleepError('unsupported');
    const result = await handler({ caller, type, payload });
    return result ? resultFor(iq, result) : resultFor(iq);
  }
}

const MESSAGE_TEXT =
  'This is the Bleep operations service; it does not take chat messages. Use its commands, or write to a colleague.';
