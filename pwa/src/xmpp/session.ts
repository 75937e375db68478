// One XMPP session over the same-origin WebSocket. The browser build of
// @xmpp/client has no SCRAM, so PLAIN is used, and only ever over wss.
import { client, xml, type Client, type XmlElement } from '@xmpp/client';
import type { ServerConfig } from './config.ts';

export type LinkState = 'connecting' | 'online' | 'reconnecting' | 'offline';

export interface SessionEvents {
  state(s: LinkState): void;
  /** Called each time the session is usable (after stream management is enabled). */
  ready(): void;
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
  });
  let wasOnline = false;
  xmpp.on('status', (status) => {
    if (status === 'connecting' || status === 'opening') on.state(wasOnline ? 'reconnecting' : 'connecting');
    if (status === 'disconnect') on.state(wasOnline ? 'reconnecting' : 'offline');
    if (status === 'offline') on.state('offline');
  });
  xmpp.on('error', () => {}); // start() rejects with the cause; reconnect retries on its own
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
