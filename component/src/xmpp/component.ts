// The XEP-0114 connection to Prosody: handshake, Nagle off, reconnect with
// backoff. https://xmpp.org/extensions/xep-0114.html
// Not @xmpp/component: its iq callee answers every IQ itself
// (service-unavailable, no text) before Bleep's router could, its reconnect
// retries at a fixed delay, and it is 0.13 with its own @xmpp/xml copies.
import { AcceptConnection } from './accept.ts';
import type { ComponentConfig } from '../config.ts';
import type { Logger } from '../log.ts';
import type { Element } from './xml.ts';

const FIRST_DELAY_MS = 250;
// Issue #14: the component must be back within 5 s of Prosody. Prosody is on
// the same host or network, so a try every 2 s at most costs nothing, while
// 15 s (as before) left it away up to 15 s after a Prosody restart that took 8 s.
const MAX_DELAY_MS = 2000;

export interface Link {
  start(): Promise<void>;
  send(el: Element): Promise<void>;
  onStanza(cb: (el: Element) => void): void;
  /** Each time the link is up: the first connection and every reconnection. */
  onOnline(cb: () => void): void;
  stop(): Promise<void>;
}

export function connect(config: ComponentConfig, log: Logger): Link {
  const service = `xmpp://${config.prosodyHost}:${config.componentPort}`;
  // xmpp.js gives each stream step 2 s by default: too little for a busy server.
  const entity = new AcceptConnection({ service, domain: config.opsHost, timeout: 15_000 });
  let delay = FIRST_DELAY_MS;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  // XEP-0114 §3: answer the stream header with the handshake.
  entity.on('open', (el) => {
    entity.authenticate(el.attrs.id ?? '', config.componentSecret).catch((err: Error) => entity.emit('error', err));
  });
  // wire.ts: a stanza that could not go whole; logged by size only, never its content.
  entity.onRefused = (reason) => log.error({ reason }, 'stanza not sent whole');
  // DESIGN.md: Nagle adds ~10x latency against Prosody on loopback.
  entity.on('connect', () => entity.socket?.setNoDelay(true));
  entity.on('online', () => {
    delay = FIRST_DELAY_MS;
    log.info({ jid: config.opsHost }, 'connected to Prosody');
  });
  entity.on('error', (err) => !stopped && log.warn({ err: err.message }, 'connection error'));
  entity.on('disconnect', () => {
    if (stopped) return;
    clearTimeout(timer);
    log.warn({ retryInMs: delay }, 'lost Prosody; reconnecting');
    timer = setTimeout(async () => {
      if (stopped || entity.status !== 'disconnect') return;
      try {
        await entity.connect(service);
        await entity.open({ domain: config.opsHost });
      } catch {
        // A failed try ends in another 'disconnect', which schedules the next one.
      }
    }, delay);
    delay = Math.min(delay * 2, MAX_DELAY_MS);
  });

  return {
    async start() {
      await entity.start();
    },
    send: (el) => entity.send(el),
    onStanza: (cb) => entity.on('stanza', cb),
    onOnline: (cb) => entity.on('online', cb),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await entity.stop().catch(() => {});
    },
  };
}
