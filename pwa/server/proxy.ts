// Same-origin proxy to Prosody's HTTP port: the XMPP WebSocket and uploads.
// Node's http/net are enough for a pass-through, so no proxy dependency.
// Prosody trusts this process (trusted_proxies) and reads X-Forwarded-Proto,
// without which WebSocket clients get no stream features (DESIGN.md trap).
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';

export interface Upstream {
  readonly host: string;
  readonly port: number;
}

function forwarded(req: IncomingMessage): Record<string, string> {
  return {
    'x-forwarded-proto': 'https',
    'x-forwarded-for': req.socket.remoteAddress ?? '',
    'x-forwarded-host': req.headers.host ?? '',
  };
}

export function proxyHttp(
  up: Upstream,
  req: IncomingMessage,
  res: ServerResponse,
  extra: Record<string, string>,
): void {
  const out = request(
    { host: up.host, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, ...forwarded(req) } },
    (upRes) => {
      res.writeHead(upRes.statusCode ?? 502, { ...upRes.headers, ...extra });
      upRes.pipe(res);
    },
  );
  out.on('error', () => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', ...extra });
    res.end('The messaging server is not answering. Try again in a moment.');
  });
  req.pipe(out);
}

/** Pipes an upgraded connection (WebSocket) to Prosody, replaying the request line and headers. */
export function proxyUpgrade(up: Upstream, req: IncomingMessage, client: Socket, head: Buffer): void {
  const server = connect(up.port, up.host, () => {
    server.setNoDelay(true); // DESIGN.md: Nagle costs ~10x latency to Prosody
    const headers = { ...req.headers, ...forwarded(req) };
    const lines = [`${req.method} ${req.url} HTTP/1.1`];
    for (const [k, v] of Object.entries(headers)) for (const one of [v ?? ''].flat()) lines.push(`${k}: ${one}`);
    server.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (head.length) server.write(head);
    server.pipe(client);
    client.pipe(server);
  });
  client.setNoDelay(true);
  const close = () => {
    client.destroy();
    server.destroy();
  };
  server.on('error', close);
  client.on('error', close);
  server.on('close', close);
  client.on('close', close);
}
