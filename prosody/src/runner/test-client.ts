// Test-only helper: an @xmpp/client logged in over STARTTLS to a runner Prosody.
import type { Socket } from 'node:net';
import type { Settings } from '../settings/types.ts';
import type { Account } from './accounts.ts';
import { trustCertificate } from './trust.ts';

/** The little of @xmpp/client 0.14 these tests use (it ships no type declarations). */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  getChild(name: string, xmlns?: string): XmlElement | undefined;
  getChildren(name: string, xmlns?: string): XmlElement[];
  getChildText(name: string, xmlns?: string): string | null;
  text(): string;
  toString(): string;
}
export interface Client {
  start(): Promise<unknown>;
  stop(): Promise<unknown>;
  send(el: XmlElement): Promise<void>;
  on(event: string, cb: (arg: never) => void): void;
  iqCaller: { request(el: XmlElement, timeout?: number): Promise<XmlElement> };
  socket: unknown;
  jid: { toString(): string } | null;
}
export type Xml = (name: string, attrs?: Record<string, string>, ...children: (XmlElement | string)[]) => XmlElement;

// A non-literal specifier keeps tsc from looking for declarations that the
// package does not have (and that another workspace may declare its own way).
const CLIENT = '@xmpp/client';
const mod = (await import(CLIENT)) as { client: (o: Record<string, unknown>) => Client; xml: Xml };
export const xml: Xml = mod.xml;

/** `deviceId`: the XEP-0388 user-agent id, which FAST tokens are bound to (random when absent). */
export function makeClient(s: Settings, a: Account, opts: { deviceId?: string } = {}): Client {
  trustCertificate(s.tls.cert);
  const xmpp = mod.client({
    service: `xmpp://127.0.0.1:${s.ports.c2s}`,
    domain: s.domain,
    username: a.user,
    password: a.password,
    // xmpp.js gives each stream step 2 s by default; a loaded 2-core CI machine needs more.
    timeout: 15_000,
    ...(opts.deviceId ? { userAgent: mod.xml('user-agent', { id: opts.deviceId }) } : {}),
  });
  // DESIGN.md: Nagle costs ~10x latency against Prosody; the first socket is plain TCP.
  // @xmpp/tcp's socket is the net.Socket itself (older versions wrapped it in .socket).
  xmpp.on('connect', () => {
    const s = xmpp.socket as (Socket & { socket?: Socket }) | null;
    (s?.socket ?? s)?.setNoDelay?.(true);
  });
  xmpp.on('error', () => {}); // surfaced by start() rejecting
  return xmpp;
}

export async function login(s: Settings, a: Account): Promise<Client> {
  const xmpp = makeClient(s, a);
  await xmpp.start();
  return xmpp;
}
