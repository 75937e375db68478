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
  /** A FAST token as @xmpp/client-core/src/fast/fast.js keeps it. */
  export interface FastTokenData {
    mechanism: string;
    token: string;
    expiry: string;
  }
  /** What fast.auth passes to SASL2's authenticate (0.14). */
  export interface FastAuthenticateArgs {
    streamFeatures: (XmlElement | undefined)[];
    [k: string]: unknown;
  }
  export interface FastAuthArgs {
    authenticate(args: FastAuthenticateArgs): Promise<void>;
    [k: string]: unknown;
  }
  export interface Client {
    jid: { toString(): string; bare(): { toString(): string } } | null;
    status: string;
    /** The transport; end() closes the WebSocket without closing the XMPP stream. */
    socket: { end(): void } | null;
    /** XEP-0484: overridable token hooks, and the step that authenticates with a token. */
    fast: {
      fetchToken(): Promise<FastTokenData | undefined>;
      saveToken(t: FastTokenData): Promise<void>;
      deleteToken(): Promise<void>;
      auth(args: FastAuthArgs): Promise<boolean>;
    };
    streamManagement: {
      enabled: boolean;
      on(ev: 'ack' | 'fail', cb: (stanza: XmlElement) => void): void;
      on(ev: 'resumed', cb: () => void): void;
    };
    iqCaller: { request(el: XmlElement, timeout?: number): Promise<XmlElement> };
    start(): Promise<unknown>;
    disconnect(): Promise<void>;
    reconnect: { reconnect(): Promise<void>; stop(): void };
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
    password?: string;
    /** Called at each authentication instead of using username/password (client/lib/createOnAuthenticate.js). */
    credentials?: (...args: never[]) => Promise<void>;
    resource?: string;
    timeout?: number;
  }): Client;
}

declare module '@xmpp/xml/lib/parse.js' {
  export default function parse(text: string): unknown;
}
