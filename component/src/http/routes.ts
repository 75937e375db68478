// The component's small HTTP listener (issue #12): answers from a push
// notification's buttons, POSTed by the service worker to the app's own
// origin and passed on by the web proxy (pwa/server, docker/web); it binds
// like Prosody's HTTP port and is never published. Routes take JSON and give
// JSON; a refusal is the error registry's key and its readable text.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BleepError, ERRORS } from '../xmpp/errors.ts';

/** Returns what to tell the person; throws BleepError to refuse. */
export type PostHandler = (
  body: Readonly<Record<string, unknown>>,
) => Promise<{ readonly text: string; readonly [more: string]: unknown }>;

/** An answer is a token and a choice: a few hundred bytes. */
const MAX_BODY = 4096;

// RFC 9110 §15: the status nearest each XMPP condition (RFC 6120 §8.3.3).
const STATUS: Readonly<Record<string, number>> = {
  'bad-request': 400,
  'not-authorized': 401,
  forbidden: 403,
  'item-not-found': 404,
  gone: 410,
  'not-allowed': 405,
  conflict: 409,
  'not-acceptable': 409,
  'policy-violation': 429,
  'resource-constraint': 429,
};

export interface HttpListener {
  readonly port: number;
  close(): Promise<void>;
}

export class HttpRoutes {
  private readonly posts = new Map<string, PostHandler>();
  private readonly onError: (err: unknown) => void;

  constructor(onError: (err: unknown) => void) {
    this.onError = onError;
  }

  post(path: string, handler: PostHandler): void {
    this.posts.set(path, handler);
  }

  async listen(bind: string, port: number): Promise<HttpListener> {
    const server: Server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, bind, () => resolve());
    });
    return {
      port: (server.address() as AddressInfo).port,
      close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: object) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    const refuse = (status: number, error: string, text: string) => reply(status, { ok: false, error, text });
    const handler = this.posts.get(new URL(req.url ?? '/', 'http://x').pathname);
    if (!handler) return refuse(404, 'unsupported', 'Nothing is served here.');
    if (req.method !== 'POST') return refuse(405, 'unsupported', 'Only POST here.');
    try {
      const body = await readJson(req);
      if (!body) return refuse(400, 'bad-stanza', 'Send one JSON object of at most 4 KB.');
      reply(200, { ok: true, ...(await handler(body)) });
    } catch (err) {
      if (err instanceof BleepError) return refuse(STATUS[ERRORS[err.key].condition] ?? 400, err.key, err.message);
      this.onError(err);
      refuse(500, 'internal', ERRORS.internal.text);
    }
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    const v = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
