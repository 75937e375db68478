// One XMPP session over the same-origin WebSocket. The browser build of
// @xmpp/client has no SCRAM, so PLAIN is used, and only ever over wss; after
// that first sign-in, this device signs in with its FAST token (XEP-0484).
import { keepResumable } from './resumable.ts';
import { client, xml, type Client, type XmlElement } from '@xmpp/client';
import { serviceUrl, type ServerConfig } from './config.ts';
import { credentials, userAgent, type FastToken } from './credentials.ts';
import { deviceId } from './device.ts';
import { endedByAdmin } from './errors.ts';

export type LinkState = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface SignIn {
  /** Localpart. */
  readonly username: string;
  /** Only for the sign-in the user just typed, until it is online; reloads and reconnects use the token. */
  readonly password?: string;
  /** This device's FAST token, read at every authentication (the server rotates it). */
  token(): FastToken | undefined;
}

export interface SessionEvents {
  state(s: LinkState): void;
  /** Called each time the session is usable (after stream management is enabled). */
  ready(): void;
  /** The stream was resumed (XEP-0198): presence and state survived; unacknowledged stanzas were resent. */
  resumed(): void;
  /** The server acknowledged a stanza (XEP-0198): it will not be lost. */
  acked(stanza: XmlElement): void;
  /** A stanza the server never acknowledged, on a stream that could not be resumed. */
  failed(stanza: XmlElement): void;
  /** The server issued (or rotated) this device's token. */
  tokenIssued(t: FastToken): void;
  /** The token was refused, expired or absent: forget it; `ended` when no typed password follows it (the sign-in is over). */
  tokenRefused(ended: boolean): void;
  /** An admin disabled the account or signed this device out: the server ended the stream for good; `why` says so. */
  endedByAdmin(why: string): void;
}

const SM_WAIT_MS = 5000;

/**
 * DESIGN.md trap: send nothing, presence included, until stream management is
 * enabled, or Prosody's smacks counter drifts and it kills the stream.
 * @xmpp/stream-management has no 'enabled' event, so poll its flag briefly.
 */
async function streamManagementReady(xmpp: Client): Promise<void> {
  const until = Date.now() + SM_WAIT_MS;
  while (!xmpp.streamManagement.enabled && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
}

export function openSession(config: ServerConfig, signIn: SignIn, on: SessionEvents): Client {
  // Issue #13 "Lost phone": the typed password serves this sign-in only and is dropped once it is
  // online. Kept for reconnects, it signed a phone an admin had signed out (its tokens revoked)
  // in again: out of coverage at the sign-out, the phone never got the stream error, and back in
  // coverage its token was refused and the password in memory taken instead.
  let password = signIn.password;
  const xmpp = client({
    service: serviceUrl(config),
    domain: config.domain,
    // Sets the JID, which the stream header carries: Prosody offers FAST only then.
    username: signIn.username,
    credentials: credentials({
      username: signIn.username,
      password: () => password,
      userAgent: userAgent(deviceId()),
      ended: () => on.tokenRefused(true),
    }),
    // xmpp.js gives each stream step 2 s by default; hospital Wi-Fi and phones need more.
    timeout: 15_000,
  });
  // XEP-0484: the token lives in the store (device.ts), not in xmpp.js's memory.
  xmpp.fast.fetchToken = async () => signIn.token();
  xmpp.fast.saveToken = async (t) => on.tokenIssued(t);
  // When the server refused the token, and before a first sign-in (which then asks for one).
  xmpp.fast.deleteToken = async () => on.tokenRefused(password === undefined);
  keepResumable(xmpp);
  let wasOnline = false;
  xmpp.on('status', (status) => {
    // While the device says it has no network, the truthful state is offline, whatever is being retried.
    if (!navigator.onLine || status === 'offline') on.state('offline');
    else if (status === 'connecting' || status === 'opening') on.state(wasOnline ? 'reconnecting' : 'connecting');
    else if (status === 'disconnect') on.state(wasOnline ? 'reconnecting' : 'offline');
  });
  // start() rejects with the cause; reconnect retries on its own, except after an admin ended the session.
  xmpp.on('error', (err) => {
    const why = endedByAdmin(err);
    if (why) on.endedByAdmin(why);
  });
  // A resumed stream goes online without an 'online' event (@xmpp/connection _ready(true)).
  xmpp.streamManagement.on('resumed', () => {
    wasOnline = true;
    on.state('online');
    on.resumed();
  });
  xmpp.streamManagement.on('ack', (stanza) => on.acked(stanza));
  xmpp.streamManagement.on('fail', (stanza) => on.failed(stanza));
  xmpp.on('online', () => {
    password = undefined;
    void streamManagementReady(xmpp).then(() => {
      wasOnline = true;
      on.state('online');
      on.ready();
    });
  });
  return xmpp;
}

export { request } from './iq.ts';

export { xml };

/**
 * The device lost its network: a WebSocket can linger for minutes before it
 * notices, so drop it now and let messages queue as pending. When the network
 * is back, reconnect at once; the stream is resumed (XEP-0198 §5).
 *
 * Drop the socket, not the stream: xmpp.disconnect() first sends the RFC 7395
 * <close/>, which Prosody takes as the end of the session (mod_c2s/mod_websocket
 * session:close → mod_smacks pre-session-close revokes the resumption token),
 * so the <resume/> that follows fails and a new session starts. A bare socket
 * close makes Prosody hibernate the session (mod_smacks pre-resource-unbind)
 * for smacks_hibernation_time, queueing what arrives meanwhile.
 */
export function followNetwork(xmpp: Client, on: Pick<SessionEvents, 'state'>): () => void {
  const offline = () => {
    on.state('offline');
    if (xmpp.status === 'online') xmpp.socket?.end();
  };
  const online = () => {
    if (xmpp.status === 'disconnect') void xmpp.reconnect.reconnect().catch(() => {});
  };
  window.addEventListener('offline', offline);
  window.addEventListener('online', online);
  return () => {
    window.removeEventListener('offline', offline);
    window.removeEventListener('online', online);
  };
}
