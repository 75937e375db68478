// @xmpp/component-core 0.13 ships no type declarations; this is the little Bleep uses.
declare module '@xmpp/component-core' {
  export interface Element {
    name: string;
    attrs: Record<string, string | undefined>;
    children: (Element | string)[];
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
  export class Component {
    constructor(opts: { service: string; domain: string; timeout?: number });
    status: string;
    socket: import('node:net').Socket | null;
    start(): Promise<unknown>;
    stop(): Promise<void>;
    connect(service: string): Promise<void>;
    open(opts: { domain: string }): Promise<Element>;
    authenticate(id: string, password: string): Promise<void>;
    send(el: Element): Promise<void>;
    on(ev: 'stanza' | 'open', cb: (el: Element) => void): this;
    on(ev: 'error', cb: (err: Error) => void): this;
    emit(ev: 'error', err: Error): boolean;
    on(ev: 'online' | 'offline' | 'connect' | 'disconnect', cb: () => void): this;
  }
  const core: { Component: typeof Component; xml: typeof xml };
  export default core;
}
