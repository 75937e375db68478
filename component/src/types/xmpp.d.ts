// @xmpp/xml and @xmpp/connection-tcp 0.14 ship no type declarations; this is
// the little Bleep's component uses.
declare module '@xmpp/xml' {
  export class Element {
    constructor(name: string, attrs?: Record<string, string | undefined>);
    name: string;
    attrs: Record<string, string | undefined>;
    children: (Element | string)[];
    parent: Element | null;
    is(name: string, xmlns?: string): boolean;
    getChild(name: string, xmlns?: string): Element | undefined;
    getChildren(name: string, xmlns?: string): Element[];
    getChildElements(): Element[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    append(...children: (Element | string)[]): Element;
    toString(): string;
  }
  export type Child = Element | string | undefined | null | false;
  export function xml(name: string, attrs?: Record<string, string | undefined> | null, ...children: Child[]): Element;
  /** Streaming parser: 'start' gives the root, 'element' each complete child. */
  export class Parser {
    write(text: string): void;
    end(): void;
    on(ev: 'start' | 'element', cb: (el: Element) => void): this;
    on(ev: 'error', cb: (err: Error) => void): this;
  }
  export default xml;
}

declare module '@xmpp/connection-tcp' {
  import type { Socket } from 'node:net';
  type Element = import('@xmpp/xml').Element;

  /** xmpp.js's TCP stream (RFC 6120): statuses connect → open → online → disconnect. */
  export default class ConnectionTCP {
    constructor(opts: { service: string; domain: string; timeout?: number });
    status: string;
    socket: Socket | null;
    options: { service: string; domain: string };
    timeout: number;
    start(): Promise<unknown>;
    stop(): Promise<unknown>;
    connect(service: string): Promise<void>;
    open(opts: { domain: string }): Promise<Element>;
    send(el: Element): Promise<void>;
    write(text: string): Promise<void>;
    parser: { write(text: string): void; emit(ev: 'end'): boolean };
    root: Element | null;
    _attachSocket(socket: Socket): void;
    _onData(data: Buffer): void;
    sendReceive(el: Element, timeout?: number): Promise<Element>;
    socketParameters(service: string): { port: number | null; host: string } | undefined;
    isStanza(el: Element): boolean;
    _jid(id: string): unknown;
    _status(status: string, ...args: unknown[]): void;
    /** Sends </stream> and waits for the server's (its 'end' from the parser), up to `timeout`. */
    _closeStream(timeout?: number): Promise<unknown>;
    off(ev: string, cb: (...args: never[]) => void): this;
    on(ev: 'stanza' | 'open', cb: (el: Element) => void): this;
    on(ev: 'error', cb: (err: Error) => void): this;
    on(ev: 'online' | 'offline' | 'connect' | 'disconnect', cb: () => void): this;
    emit(ev: 'error', err: Error): boolean;
    emit(ev: 'send', el: Element): boolean;
  }
}
