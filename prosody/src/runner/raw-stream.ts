// Test-only: a plain TCP XMPP stream, to see what Prosody offers before TLS.
import { Socket } from 'node:net';

export interface RawStream {
  send(xml: string): void;
  /** Resolves with everything received once `pattern` matches it (or rejects after a timeout). */
  until(pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): void;
}

export function openRaw(port: number, host = '127.0.0.1'): Promise<RawStream> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setNoDelay(true);
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('utf8')));
    socket.once('error', reject);
    socket.connect(port, host, () =>
      resolve({
        send: (xml) => socket.write(xml),
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
        close: () => socket.destroy(),
      }),
    );
  });
}

export const streamHeader = (domain: string) =>
  `<?xml version='1.0'?><stream:stream to='${domain}' xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;
