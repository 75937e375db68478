// One XMPP session over the same-origin WebSocket. The browser build of
// @xmpp/client has no SCRAM, so PLAIN is used, and only ever over wss.
import { client, xml, type Client, type XmlElement } from '@xmpp/client';
import type { ServerConfig } from './config.ts';

export type LinkState = 'connecting' | 'online' | 'reconnecting' | 'offline';

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

export function openSession(config: ServerConfig, username: string, password: string, on: SessionEvents): Client {
  const xmpp = client({
    service: `wss://${location.host}${config.websocketPath}`,
    domain: config.domain,
    username,
    password,
    // xmpp.js gives each stream step 2 s by default; hospital Wi-Fi and phones need more.
    timeout: 15_000,
  });
  let wasOnline = false;
  xmpp.on('status', (status) => {
    // While the device says it has no network, the truthful state is offline, whatever is being retried.
    if (!navigator.onLine || status === 'offline') on.state('offline');
    else if (status === 'connecting' || status === 'opening') on.state(wasOnline ? 'reconnecting' : 'connecting');
    else if (status === 'disconnect') on.state(wasOnline ? 'reconnecting' : 'offline');
  });
  xmpp.on('error', () => {}); // start() rejects with the cause; reconnect retries on its own
  // A resumed stream goes online without an 'online' event (@xmpp/connection _ready(true)).
  xmpp.streamManagement.on('resumed', () => {
    wasOnline = true;
    on.state('online');
    on.resumed();
  });
  xmpp.streamManagement.on('ack', (stanza) => on.acked(stanza));
  xmpp.streamManagement.on('fail', (stanza) => on.failed(stanza));
  xmpp.on('online', () => {
    void streamManagementReady(xmpp).then(() => {
      wasOnline = true;
      on.state('online');
      on.ready();
    });
  });
  return xmpp;
}

export function request(xmpp: Client, iq: XmlElement): Promise<XmlElement> {
  return xmpp.iqCaller.request(iq, 10_000);
}

export { xml };

/**
 * The device lost its network: a WebSocket can linger for minutes before it
 * notices, so drop it now (stream management keeps the session to resume) and
 * let messages queue as pending. When the network is back, reconnect at once.
 */
export function followNetwork(xmpp: Client, on: Pick<SessionEvents, 'state'>): () => void {
  const offline = () => {
    on.state('offline');
    if (xmpp.status === 'online') void xmpp.disconnect().catch(() => {});
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
