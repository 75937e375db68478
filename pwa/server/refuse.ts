// The one place the web server writes a refusal: the status, the security headers
// (headers.ts) and a plain-text reason that says what to do, on a request or on a
// socket whose upgrade is refused ('upgrade' hands over the socket, no response object).
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

type Headers = Record<string, string>;

/** Answers `res` with `status`, the security headers (and any `extra` ones) and `text`. */
export function refuse(res: ServerResponse, status: number, headers: Headers, text: string, extra: Headers = {}): void {
  if (!res.headersSent) res.writeHead(status, { ...headers, ...extra, 'content-type': 'text/plain' });
  res.end(text);
}

/** The same on a raw socket (RFC 9112 §4: status line, fields, blank line, body), then closes it. */
export function refuseUpgrade(socket: Socket, status: number, headers: Headers, text: string): void {
  const fields = {
    ...headers,
    'content-type': 'text/plain',
    'content-length': String(Buffer.byteLength(text)),
    connection: 'close',
  };
  const lines = Object.entries(fields).map(([k, v]) => `${k}: ${v}\r\n`);
  socket.end(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${lines.join('')}\r\n${text}`);
}
