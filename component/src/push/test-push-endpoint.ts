// For integration tests and the bench: a local HTTPS Web Push endpoint (a
// push service's receiving side, RFC 8030 §5) with a self-signed certificate.
// It hands out subscriptions (an ECDH P-256 key pair and an auth secret per
// device, as a browser makes them), decrypts every push it receives with the
// subscription's keys (RFC 8291, http_ece), and answers 201, or what a test
// asks for (410 for an expired subscription, 500 for a passing failure).
import { createECDH, randomBytes, type ECDH } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ece from 'http_ece';
import type { PushPayload } from '@bleep/protocol';
import { makeSelfSigned } from '@bleep/prosody-config/runner';

export interface DeviceSubscription {
  readonly endpoint: string;
  readonly p256dh: string;
  readonly auth: string;
}

export interface ReceivedPush {
  /** Which subscription (the name given to `subscribe`). */
  readonly device: string;
  readonly at: number;
  readonly urgency: string;
  readonly ttl: string;
  readonly topic: string;
  /** The Authorization header named a VAPID token and key (RFC 8292 §3). */
  readonly vapid: boolean;
  /** The payload decrypted with the device's keys, as text (to look for what must not be there) and parsed. */
  readonly text: string;
  readonly payload: PushPayload;
}

export interface PushEndpoint {
  /** host:port, for BLEEP_PUSH_SERVICES. */
  readonly host: string;
  /** The certificate's PEM file, for BLEEP_PUSH_CA. */
  readonly ca: string;
  readonly received: ReceivedPush[];
  /** TLS connections opened to it so far, and the most requests it had under way at once. */
  readonly load: { connections: number; mostAtOnce: number };
  subscribe(device: string): DeviceSubscription;
  /** Answers the next `times` pushes to `device` with `status` instead of 201. */
  answer(device: string, status: number, times?: number): void;
  stop(): Promise<void>;
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const dir = await mkdtemp(join(tmpdir(), 'bleep-push-'));
  const cert = join(dir, 'push.crt');
  const key = join(dir, 'push.key');
  // A CA-capable self-signed certificate for 127.0.0.1, so that it can be given as an extra authority.
  await makeSelfSigned({ key, cert, cn: '127.0.0.1', san: 'IP:127.0.0.1', days: 2 });
  const devices = new Map<string, { ecdh: ECDH; auth: Buffer }>();
  const answers = new Map<string, { status: number; times: number }>();
  const received: ReceivedPush[] = [];
  const load = { connections: 0, mostAtOnce: 0 };
  let atOnce = 0;

  const server: Server = createServer({ cert: await readFile(cert), key: await readFile(key) }, (req, res) => {
    const chunks: Buffer[] = [];
    load.mostAtOnce = Math.max(load.mostAtOnce, ++atOnce);
    res.on('finish', () => atOnce--);
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const device = decodeURIComponent((req.url ?? '').replace(/^\/push\//, ''));
      const keys = devices.get(device);
      const forced = answers.get(device);
      if (!keys) return void res.writeHead(404).end();
      if (forced && forced.times > 0) {
        forced.times--;
        return void res.writeHead(forced.status).end();
      }
      // RFC 8291 §4: aes128gcm, the sender's public key in the header; the device's private key and auth secret.
      const text = (
        ece.decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: keys.ecdh,
          authSecret: keys.auth,
        }) as Buffer
      ).toString('utf8');
      received.push({
        device,
        at: Date.now(),
        urgency: String(req.headers.urgency ?? ''),
        ttl: String(req.headers.ttl ?? ''),
        topic: String(req.headers.topic ?? ''),
        vapid: /^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=[\w-]+$/.test(req.headers.authorization ?? ''),
        text,
        payload: JSON.parse(text) as PushPayload,
      });
      res.writeHead(201).end();
    });
  });
  server.on('secureConnection', () => load.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const host = `127.0.0.1:${port}`;

  return {
    host,
    ca: cert,
    received,
    load,
    subscribe(device) {
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      devices.set(device, { ecdh, auth });
      return {
        endpoint: `https://${host}/push/${encodeURIComponent(device)}`,
        p256dh: ecdh.getPublicKey().toString('base64url'),
        auth: auth.toString('base64url'),
      };
    },
    answer(device, status, times = 1) {
      answers.set(device, { status, times });
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(dir, { recursive: true, force: true });
    },
  };
}
