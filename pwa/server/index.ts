// The web server for `npm start` and the browser tests: the built PWA over
// HTTPS with the security headers, /config.json from the settings, and
// Prosody's WebSocket and uploads on the same origin, and the component's
// answers from push notifications (POST /push/answer). docker/web (nginx)
// does the same in production.
import { createServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { INVITE_INFO_PATH, PUSH_ANSWER_PATH } from '@bleep/protocol';
import { PLAN_PATH, tileOrigin, type Settings } from '@bleep/prosody-config';
import { cacheControl, securityHeaders } from './headers.ts';
import { proxyHttp, proxyUpgrade, type Upstream } from './proxy.ts';
import { refuse, refuseUpgrade } from './refuse.ts';
import { isNavigation, resolveStatic } from './static.ts';

export { securityHeaders } from './headers.ts';

export const WEBSOCKET_PATH = '/xmpp-websocket';

const BAD_TARGET = 'Bad request: the request target must be a path such as /chats.';

/** The request target's path; undefined when it is none (`GET //`: RFC 9112 §3.2.1 origin-form is an absolute path). */
function pathOf(req: IncomingMessage): string | undefined {
  try {
    return new URL(req.url ?? '/', 'https://x').pathname;
  } catch {
    return undefined;
  }
}
const DEFAULT_DIST = join(import.meta.dirname, '..', 'dist');

/** What the app reads at start (docker/web serves the same JSON from .env). */
export function clientConfig(s: Settings) {
  return {
    domain: s.domain,
    websocketPath: WEBSOCKET_PATH,
    opsHost: s.opsHost,
    mucHost: s.mucHost,
    shareHost: s.shareHost,
    planHost: s.planHost,
    uploadMaxBytes: s.upload.maxBytes,
    uploadQuotaBytes: s.upload.quotaBytes,
    /** Outdoor map tiles ('' = the offline site plans only). */
    mapTileUrl: s.mapTileUrl,
  };
}

export interface WebServer {
  readonly url: string;
  stop(): Promise<void>;
}

export async function serveWeb(opts: { settings: Settings; distDir?: string }): Promise<WebServer> {
  const s = opts.settings;
  const dist = opts.distDir ?? DEFAULT_DIST;
  const up: Upstream = { host: s.prosodyHost, port: s.ports.http };
  // The component runs beside this server (npm start, tests), bound like Prosody's HTTP port.
  const ops: Upstream = { host: s.bind === '0.0.0.0' ? '127.0.0.1' : s.bind, port: s.ports.opsHttp };
  const origin = `${s.domain}:${s.ports.web}`;
  const config = JSON.stringify(clientConfig(s));
  const tiles = tileOrigin(s.mapTileUrl);

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const host = req.headers.host ?? origin;
    const headers = securityHeaders(host, tiles);
    const path = pathOf(req);
    if (path === undefined) return refuse(res, 400, headers, BAD_TARGET);
    if (path.startsWith('/file_share/') || path.startsWith(`${PLAN_PATH}/`)) return proxyHttp(up, req, res, headers);
    if (path === PUSH_ANSWER_PATH || path === INVITE_INFO_PATH) return proxyHttp(ops, req, res, headers);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return refuse(res, 405, headers, 'Only GET and HEAD here.', { allow: 'GET, HEAD' });
    }
    if (path === '/config.json') {
      res.writeHead(200, {
        ...headers,
        'content-type': 'application/json',
        'cache-control': cacheControl(path, false),
      });
      return res.end(req.method === 'HEAD' ? undefined : config);
    }
    const file = await resolveStatic(dist, path, isNavigation(req.headers));
    if (!file) return refuse(res, 404, headers, 'Not found.');
    res.writeHead(200, { ...headers, 'content-type': file.type, 'cache-control': cacheControl(path, file.fallback) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };

  // noDelay: chat is many small writes; Nagle would hold each for the peer's delayed ACK.
  const tlsOptions = { cert: readFileSync(s.tls.cert), key: readFileSync(s.tls.key), noDelay: true };
  const server = createServer(tlsOptions, (req, res) => {
    handle(req, res).catch((err: unknown) => {
      // The kind only: a path can hold an invite token.
      console.error(`bleep web: a request failed (${(err as { code?: string }).code ?? (err as Error).name})`);
      refuse(res, 500, securityHeaders(req.headers.host ?? origin, tiles), 'The web server failed; see its log.');
    });
  });
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => {
    // A throw here is uncaught: it would end the process (and with `npm start` the demo).
    const path = pathOf(req);
    const headers = securityHeaders(req.headers.host ?? origin, tiles);
    if (path === undefined) return refuseUpgrade(socket, 400, headers, BAD_TARGET);
    // Prosody does not check Origin: a page from another site must not open a session from the
    // user's browser. Browsers always send Origin; native clients (RFC 6455 §4.1) may omit it.
    const from = req.headers.origin;
    const sameOrigin = from === undefined || from === `https://${req.headers.host}`;
    if (path !== WEBSOCKET_PATH || !sameOrigin) {
      return refuseUpgrade(
        socket,
        403,
        headers,
        `WebSocket refused: open it from this site's page, on ${WEBSOCKET_PATH}.`,
      );
    }
    proxyUpgrade(up, req, socket, head);
  });
  const sockets = new Set<Socket>();
  server.on('connection', (sock: Socket) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(s.ports.web, s.bind, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  return {
    url: `https://${s.domain}:${port}`,
    async stop() {
      for (const sock of sockets) sock.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
