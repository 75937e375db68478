// Test-only: a raw XMPP stream over TCP (and, after STARTTLS, TLS), to see
// exactly what Prosody offers and answers, without a client library's help.
import { Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';

export interface RawStream {
  send(xml: string): void;
  /** Resolves with everything received since the last reset once `pattern` matches (or rejects after a timeout). */
  until(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** RFC 6120 §5.4.3.3: after <proceed/>, TLS on the same socket; received text starts afresh. */
  upgrade(opts: { ca: string; servername: string }): Promise<void>;
  close(): void;
}

export function openRaw(port: number, host = '127.0.0.1'): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    let socket: Socket = new Socket();
    socket.setNoDelay(true);
    let received = '';
    const onData = (d: Buffer) => (received += d.toString('utf8'));
    socket.on('data', onData);
    socket.once('error', reject);
    const stream: RawStream = {
      send: (xml) => void socket.write(xml),
      until: (pattern, timeoutMs = 5_000) =>
        new Promise((ok, fail) => {
          const started = Date.now();
          const poll = () => {
            if (pattern.test(received)) return ok(received);
            if (Date.now() - started > timeoutMs || socket.destroyed)
              return fail(new Error(`no ${pattern} in: ${received}`));
            setTimeout(poll, 10);
          };
          poll();
        }),
      upgrade: ({ ca, servername }) =>
        new Promise((ok, fail) => {
          socket.off('data', onData);
          const secure = tlsConnect({ socket, ca, servername }, () => ok());
          secure.once('error', fail);
          received = '';
          secure.on('data', onData);
          socket = secure;
        }),
      close: () => socket.destroy(),
    };
    socket.connect(port, host, () => resolve(stream));
  });
}

export const streamHeader = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
