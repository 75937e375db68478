// XEP-0114 "jabber:component:accept" on xmpp.js's 0.14 TCP stream, so the
// component shares the one @xmpp/xml copy that @xmpp/client 0.14 uses
// (DESIGN.md trap). @xmpp/component(-core) is 0.13: CommonJS, with its own
// nested @xmpp/xml copies. This is its Component class, ported.
// https://xmpp.org/extensions/xep-0114.html
import { createHash } from 'node:crypto';
import ConnectionTCP from '@xmpp/connection-tcp';
import type { Socket } from 'node:net';
import { serialize, utf8Reads } from './wire.ts';
import { xml, type Element } from './xml.ts';

const NS_ACCEPT = 'jabber:component:accept';

export class AcceptConnection extends ConnectionTCP {
  // XEP-0114 §2: the conventional port when the service names none.
  override socketParameters(service: string) {
    const params = super.socketParameters(service);
    if (params && !params.port) params.port = 5347;
    return params;
  }

  private readonly reads = utf8Reads();
  /** Told when a stanza could not be sent whole (wire.ts says why); never given the stanza's content. */
  onRefused: (reason: string) => void = () => {};

  // A new socket starts a new byte stream: no half character carries over.
  override _attachSocket(socket: Socket): void {
    this.reads.reset();
    super._attachSocket(socket);
  }

  // wire.ts: UTF-8 decoded across TCP reads, not read by read.
  override _onData(data: Buffer): void {
    this.parser.write(this.reads.decode(data));
  }

  // XEP-0114 §3: every stanza the component sends carries 'from'. Written
  // through wire.ts: well-formed and under Prosody's size limit, always.
  override async send(el: Element): Promise<void> {
    if (this.isStanza(el) && !el.attrs.from) el.attrs.from = this.options.domain;
    el.parent = this.root; // as @xmpp/connection's send does
    const out = serialize(el);
    if (!out.ok) this.onRefused(out.reason);
    if (out.text !== undefined) await this.write(out.text);
    this.emit('send', el);
  }

  // RFC 6120 §4.4: having sent </stream>, wait for the server's. But a server
  // that is stopping as well (Ctrl-C reaches Prosody too, and `npm start`'s
  // watchdog stops it at once) drops the TCP connection without one, and
  // xmpp.js 0.14 then waits out its whole timeout (15 s here) for a closing
  // tag that can no longer come. A closed socket has ended the stream: say so.
  override async _closeStream(timeout?: number): Promise<unknown> {
    const parser = this.parser;
    const ended = () => parser?.emit('end');
    this.on('disconnect', ended);
    try {
      return await super._closeStream(timeout);
    } finally {
      this.off('disconnect', ended);
    }
  }

  // XEP-0114 §3 (example 3): the handshake is hex(SHA-1(stream id + secret)).
  async authenticate(id: string, secret: string): Promise<void> {
    const digest = createHash('sha1')
      .update(id + secret, 'binary')
      .digest('hex');
    const answer = await this.sendReceive(xml('handshake', {}, digest));
    // XEP-0114 §3: a wrong secret gets a not-authorized stream error instead.
    if (answer.name !== 'handshake') throw new Error('Prosody refused the handshake');
    this._jid(this.options.domain);
    this._status('online');
  }
}

// The stream's namespace (ConnectionTCP reads it from the prototype).
Object.defineProperty(AcceptConnection.prototype, 'NS', { value: NS_ACCEPT });
