// XEP-0114 "jabber:component:accept" on xmpp.js's 0.14 TCP stream, so the
// component shares the one @xmpp/xml copy that @xmpp/client 0.14 uses
// (DESIGN.md trap). @xmpp/component(-core) is 0.13: CommonJS, with its own
// nested @xmpp/xml copies. This is its Component class, ported.
// https://xmpp.org/extensions/xep-0114.html
import { createHash } from 'node:crypto';
import ConnectionTCP from '@xmpp/connection-tcp';
import { xml, type Element } from './xml.ts';

const NS_ACCEPT = 'jabber:component:accept';

export class AcceptConnection extends ConnectionTCP {
  // XEP-0114 §2: the conventional port when the service names none.
  override socketParameters(service: string) {
    const params = super.socketParameters(service);
    if (params && !params.port) params.port = 5347;
    return params;
  }

  // XEP-0114 §3: every stanza the component sends carries 'from'.
  override send(el: Element): Promise<void> {
    if (this.isStanza(el) && !el.attrs.from) el.attrs.from = this.options.domain;
    return super.send(el);
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
