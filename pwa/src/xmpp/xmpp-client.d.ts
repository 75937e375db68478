// @xmpp/client 0.14 ships no type declarations; this is the little the PWA uses.
declare module '@xmpp/client' {
  export interface XmlElement {
    name: string;
    attrs: Record<string, string | undefined>;
    children: (XmlElement | string)[];
    getChild(name: string, xmlns?: string): XmlElement | undefined;
    getChildren(name: string, xmlns?: string): XmlElement[];
    getChildText(name: string, xmlns?: string): string | null;
    text(): string;
    toString(): string;
  }
  export function xml(
    name: string,
    attrs?: Record<string, string | undefined> | null,
    ...children: (XmlElement | string | undefined)[]
  ): XmlElement;
  export interface Client {
    jid: { toString(): string; bare(): { toString(): string } } | null;
    status: string;
    streamManagement: {
      enabled: boolean;
      on(ev: 'ack' | 'fail', cb: (stanza: XmlElement) => void): void;
      on(ev: 'resumed', cb: () => void): void;
    };
    iqCaller: { request(el: XmlElement, timeout?: number): Promise<XmlElement> };
    start(): Promise<unknown>;
    disconnect(): Promise<void>;
    reconnect: { reconnect(): Promise<void> };
    stop(): Promise<unknown>;
    send(el: XmlElement): Promise<void>;
    on(ev: 'status', cb: (status: string) => void): void;
    on(ev: 'error', cb: (err: Error & { condition?: string }) => void): void;
    on(ev: 'online' | 'offline', cb: () => void): void;
    on(ev: 'stanza', cb: (el: XmlElement) => void): void;
  }
  export function client(opts: {
    service: string;
    domain: string;
    username: string;
    password: string;
    resource?: string;
    timeout?: number;
  }): Client;
}

declare module '@xmpp/xml/lib/parse.js' {
  export default function parse(text: string): unknown;
}
