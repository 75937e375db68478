// Test-only helper: an @xmpp/client logged in over STARTTLS to a runner Prosody.
import type { Socket } from 'node:net';
import { StringDecoder } from 'node:string_decoder';
import type { Settings } from '../settings/types.ts';
import type { Account } from './accounts.ts';
import { trustCertificate } from './trust.ts';

export { prosodyShell } from './shell.ts';
export { registerWithInvite } from './test-register.ts';

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
  /** Writes raw text on the stream (tests of what xmpp.js would escape or refuse to build). */
  write(s: string): Promise<void>;
  on(event: string, cb: (arg: never) => void): void;
  removeListener(event: string, cb: (arg: never) => void): void;
  /** XEP-0198 as @xmpp/stream-management 0.14 keeps it. */
  streamManagement?: { enabled: boolean };
  iqCaller: { request(el: XmlElement, timeout?: number): Promise<XmlElement> };
  socket: unknown;
  jid: { toString(): string } | null;
  /** @xmpp/reconnect: after a lost stream, opens a new one 1 s later with the same credentials. */
  reconnect: { stop(): void };
}
export type Xml = (name: string, attrs?: Record<string, string>, ...children: (XmlElement | string)[]) => XmlElement;

// A non-literal specifier keeps tsc from looking for declarations that the
// package does not have (and that another workspace may declare its own way).
const CLIENT = '@xmpp/client';
const mod = (await import(CLIENT)) as { client: (o: Record<string, unknown>) => Client; xml: Xml };
export const xml: Xml = mod.xml;

/** `deviceId`: the XEP-0388 user-agent id, which FAST tokens are bound to (random when absent). */
/** xmpp.js 0.14's `credentials` callback (client/lib/createOnAuthenticate.js), as signInDevice uses it. */
type Credentials = (
  authenticate: (
    creds: Record<string, unknown>,
    mechanism: string | undefined,
    userAgent?: XmlElement,
  ) => Promise<void>,
  mechanisms: string[],
  fast: { fetch(): Promise<FastToken | undefined> } | null,
  entity: { isSecure(): boolean },
) => Promise<void>;

const userAgentOf = (id: string) => mod.xml('user-agent', { id });

/** `credentials`: a callback in place of the account's password (it must then send the user agent itself). */
export function makeClient(
  s: Settings,
  a: Account,
  opts: { deviceId?: string; credentials?: Credentials } = {},
): Client {
  trustCertificate(s.tls.cert);
  const xmpp = mod.client({
    service: `xmpp://127.0.0.1:${s.ports.c2s}`,
    domain: s.domain,
    username: a.user,
    ...(opts.credentials ? { credentials: opts.credentials } : { password: a.password }),
    // xmpp.js gives each stream step 2 s by default; a loaded 2-core CI machine needs more.
    timeout: 15_000,
    ...(opts.deviceId ? { userAgent: userAgentOf(opts.deviceId) } : {}),
  });
  // DESIGN.md: Nagle costs ~10x latency against Prosody; the first socket is plain TCP.
  // @xmpp/tcp's socket is the net.Socket itself (older versions wrapped it in .socket).
  xmpp.on('connect', () => {
    const s = xmpp.socket as (Socket & { socket?: Socket }) | null;
    (s?.socket ?? s)?.setNoDelay?.(true);
  });
  xmpp.on('error', () => {}); // surfaced by start() rejecting
  decodeAcrossReads(xmpp);
  errorRepliesHandled(xmpp);
  return xmpp;
}

/**
 * xmpp.js 0.14 decodes each TCP read on its own (@xmpp/connection `_onData`:
 * `data.toString('utf8')`), so a character split between two reads arrives
 * as U+FFFD. Tests and benchmarks that compare text must not see that; the
 * component fixes the same in component/src/xmpp/wire.ts.
 */
function decodeAcrossReads(xmpp: Client): void {
  const conn = xmpp as unknown as { _onData(d: Buffer): void; parser: { write(s: string): void } | null };
  let decoder = new StringDecoder('utf8');
  xmpp.on('connect', () => void (decoder = new StringDecoder('utf8')));
  conn._onData = (data) => conn.parser?.write(decoder.write(data));
}

/**
 * xmpp.js 0.14's IQCaller.request (@xmpp/iq/caller.js) awaits `send()` before
 * it listens on the reply: an error reply that comes back while the write is
 * still pending rejects a promise nobody handles yet, and Node reports an
 * unhandled rejection (vitest then fails the run, seen in CI: an upload slot
 * refused with file-too-large, which the test itself caught). The caller still
 * gets the error through request()'s own await; marking each pending reply
 * handled as it is registered only silences the false report.
 */
function errorRepliesHandled(xmpp: Client): void {
  const caller = (xmpp as unknown as { iqCaller?: { handlers: Map<string, { promise: Promise<unknown> }> } }).iqCaller;
  if (!caller) return;
  const set = caller.handlers.set.bind(caller.handlers);
  caller.handlers.set = (id, deferred) => {
    deferred.promise.catch(() => {});
    return set(id, deferred);
  };
}

/** A XEP-0484 FAST token as @xmpp/client 0.14 hands it over. */
export interface FastToken {
  mechanism: string;
  token: string;
  expiry: string;
}
/** The parts of @xmpp/client 0.14 that FAST tests steer: where it keeps the token. */
export type FastClient = Client & {
  fast: { saveToken(t: FastToken): Promise<void>; fetchToken(): Promise<FastToken | undefined> };
};

/**
 * Signs in as one device (its XEP-0388 user-agent id) with `saved`, its FAST
 * token, or else the password; resolves when online, with the tokens the
 * server issued on the way (at a password sign-in, and at each renewal).
 */
export async function signInDevice(
  s: Settings,
  a: Account,
  deviceId: string,
  saved?: FastToken,
  opened: Client[] = [],
): Promise<{ client: FastClient; tokens: FastToken[] }> {
  // xmpp.js reads the <token/> of SASL2's <success/> only after checking the
  // server's answer (an async WebCrypto call), while the stream may already be
  // bound: under load, start() resolves first. So the sign-in also waits for
  // authenticate() itself, as xmpp.js's default credentials would call it
  // (client/lib/createOnAuthenticate.js), which resolves after the token step.
  let signedIn: Promise<void> = Promise.resolve();
  const credentials: Credentials = (authenticate, mechanisms, fast, entity) =>
    (signedIn = (async () => {
      const token = await fast?.fetch();
      const mechanism = entity.isSecure() ? mechanisms[0] : mechanisms.find((m) => m !== 'PLAIN');
      await authenticate({ username: a.user, password: a.password, token }, mechanism, userAgentOf(deviceId));
    })());
  const client = makeClient(s, a, { deviceId, credentials }) as FastClient;
  opened.push(client);
  const tokens: FastToken[] = [];
  client.fast.saveToken = async (t) => void tokens.push(t);
  client.fast.fetchToken = async () => saved;
  await client.start();
  const bound = client.jid;
  await signedIn;
  // The late <success/> also set the JID back to its bare authorization-identifier, over the bound one.
  if (bound) client.jid = bound;
  return { client, tokens };
}

/**
 * Signs in and resolves once stream management is on: a stanza sent before
 * `<enabled/>` makes Prosody's counter drift and it kills the stream
 * (DESIGN.md, known traps). xmpp.js 0.14 emits no event for it, so poll.
 */
export async function login(s: Settings, a: Account): Promise<Client> {
  const xmpp = makeClient(s, a);
  await xmpp.start();
  const end = Date.now() + 10_000;
  while (!xmpp.streamManagement?.enabled) {
    if (Date.now() > end) throw new Error(`stream management was not enabled for ${a.user} within 10 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return xmpp;
}

/** Sends an IQ and returns the reply, error or not (iqCaller.request throws on errors). */
export async function exchange(client: Client, iq: XmlElement, timeoutMs = 5000): Promise<XmlElement> {
  const id = iq.attrs.id ?? `t${Math.random().toString(36).slice(2)}`;
  iq.attrs.id = id;
  return new Promise((resolve, reject) => {
    const onStanza = ((el: XmlElement) => {
      if (el.attrs.id === id && (el.attrs.type === 'result' || el.attrs.type === 'error')) {
        clearTimeout(timer);
        client.removeListener('stanza', onStanza);
        resolve(el);
      }
    }) as never;
    const timer = setTimeout(() => {
      client.removeListener('stanza', onStanza);
      reject(new Error(`no reply to ${id}`));
    }, timeoutMs);
    client.on('stanza', onStanza);
    void client.send(iq);
  });
}

const NS_COMMANDS = 'http://jabber.org/protocol/commands';
const NS_DATA = 'jabber:x:data';

/** A data form of type submit with the given field values. */
export function submitForm(fields: Record<string, string | string[]>): XmlElement {
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'submit' },
    ...Object.entries(fields).map(([v, vals]) =>
      xml('field', { var: v }, ...[vals].flat().map((val) => xml('value', {}, val))),
    ),
  );
}

/** Runs a two-step XEP-0050 command: execute, then submit the form; returns the last reply (each waited for up to timeoutMs). */
export async function runCommand(
  client: Client,
  to: string,
  node: string,
  fields: Record<string, string | string[]>,
  timeoutMs = 5000,
) {
  const command = (attrs: Record<string, string>, x?: XmlElement) =>
    xml('iq', { type: 'set', to }, xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...(x ? [x] : [])));
  const first = await exchange(client, command({ action: 'execute' }), timeoutMs);
  if (first.attrs.type === 'error') return first;
  const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
  return exchange(client, command({ sessionid, action: 'complete' }, submitForm(fields)), timeoutMs);
}

/** Resolves with the first stanza the client receives that matches. */
export function nextStanza(client: Client, match: (el: XmlElement) => boolean): Promise<XmlElement> {
  return new Promise((resolve) => {
    const onStanza = ((el: XmlElement) => {
      if (!match(el)) return;
      client.removeListener('stanza', onStanza);
      resolve(el);
    }) as never;
    client.on('stanza', onStanza);
  });
}
export { useNativePbkdf2 } from './fast-scram.ts';
