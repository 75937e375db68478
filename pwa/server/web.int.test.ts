// The web server in front of a real Prosody: settings as /config.json, the
// headers, the SPA fallback, and the XMPP WebSocket on the same origin (with
// X-Forwarded-Proto, so Prosody offers login), refused from another origin.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import https from 'node:https';
import tls from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestProsody, trustCertificate, type RunningProsody } from '@bleep/prosody-config/runner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveWeb, type WebServer } from './index.ts';

const dist = mkdtempSync(join(tmpdir(), 'bleep-dist-'));
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<div id="app"></div>');
let prosody: RunningProsody;
let web: WebServer;
let base: string;

beforeAll(async () => {
  prosody = await startTestProsody();
  web = await serveWeb({ settings: prosody.settings, distDir: dist });
  trustCertificate(prosody.settings.tls.cert); // fetch and WebSocket verify the self-signed certificate
  base = `https://127.0.0.1:${new URL(web.url).port}`;
});
afterAll(async () => {
  await web?.stop();
  await prosody?.stop();
  rmSync(dist, { recursive: true, force: true });
});

/** Opens the XMPP WebSocket and returns the first frames Prosody sends after <open/>. */
function xmppOverWebSocket(origin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${base.replace('https', 'wss')}/xmpp-websocket`, {
      protocols: ['xmpp'],
      headers: origin ? { origin } : {},
    } as unknown as string[]);
    let got = '';
    ws.onopen = () =>
      ws.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${prosody.settings.domain}" version="1.0"/>`);
    ws.onmessage = (e) => {
      got += String(e.data);
      if (got.includes('</stream:features>')) {
        ws.close();
        resolve(got);
      }
    };
    ws.onerror = () => reject(new Error('websocket refused'));
  });
}

/**
 * GETs `url` as a browser loads a page (a reload, a bookmark). Not fetch(): it sends its own
 * Sec-Fetch-Mode (cors) whatever the headers passed say.
 */
const load = (url: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = https.get(url, { headers: { 'sec-fetch-mode': 'navigate', accept: 'text/html' } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });

/** Writes `request` as it is on a TLS connection and returns what the server wrote back until it closed. */
const raw = (request: string) =>
  new Promise<string>((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port: Number(new URL(base).port), rejectUnauthorized: false }, () =>
      socket.write(request),
    );
    let got = '';
    socket.on('data', (d: Buffer) => (got += d.toString()));
    socket.on('end', () => resolve(got));
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
    socket.setTimeout(5000, () => socket.destroy());
  });

describe('web server', () => {
  it('serves /config.json from the settings, uncached', async () => {
    const res = await fetch(`${base}/config.json`);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(await res.json()).toEqual({
      domain: prosody.settings.domain,
      websocketPath: '/xmpp-websocket',
      opsHost: prosody.settings.opsHost,
      mucHost: prosody.settings.mucHost,
      shareHost: prosody.settings.shareHost,
      planHost: prosody.settings.planHost,
      uploadMaxBytes: prosody.settings.upload.maxBytes,
      uploadQuotaBytes: prosody.settings.upload.quotaBytes,
      mapTileUrl: '',
    });
    // No tile server set: the map keeps its own offline plans, and the CSP lets no other image origin in.
    expect(res.headers.get('content-security-policy')).toContain("img-src 'self' data: blob:;");
  });

  it('passes a configured outdoor tile server to the map and lets its images through the CSP', async () => {
    const url = 'https://tiles.hospital.example/osm/{z}/{x}/{y}.png';
    const s = prosody.settings;
    const tiled = await serveWeb({ settings: { ...s, mapTileUrl: url, ports: { ...s.ports, web: 0 } }, distDir: dist });
    try {
      const res = await fetch(`https://127.0.0.1:${new URL(tiled.url).port}/config.json`);
      expect(((await res.json()) as { mapTileUrl: string }).mapTileUrl).toBe(url);
      expect(res.headers.get('content-security-policy')).toContain(
        "img-src 'self' data: blob: https://tiles.hospital.example;",
      );
    } finally {
      await tiled.stop();
    }
  });

  it('sends the security headers and falls back to the app for its routes', async () => {
    const res = await fetch(`${base}/chats/someone`);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('id="app"');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
    // A reload of an account's page: the JID's domain looks like a file extension, but the browser loads a page.
    const page = await load(`${base}/admin/account/nurse@h.example`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('id="app"');
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('proxies the XMPP WebSocket as https, so Prosody offers login', async () => {
    const frames = await xmppOverWebSocket(`https://127.0.0.1:${new URL(web.url).port}`);
    expect(frames).toContain('<mechanism>PLAIN</mechanism>');
  });

  it('accepts a native client, which sends no Origin (RFC 6455 §4.1)', async () => {
    expect(await xmppOverWebSocket()).toContain('<mechanism>PLAIN</mechanism>');
  });

  it('answers a request whose target is no URL with 400 and its headers, and stays up, WebSocket upgrade or not', async () => {
    // `GET //` (RFC 9112 §3.2 allows only an absolute path there): one such line used to end the whole process
    // when it asked for a WebSocket, and was answered "The web server failed" without the headers when not.
    for (const upgrade of [true, false]) {
      const reply = await raw(
        `GET // HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
          (upgrade
            ? 'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
              'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n'
            : 'Connection: close\r\n\r\n'),
      );
      expect(reply, `upgrade: ${upgrade}`).toMatch(/^HTTP\/1\.1 400 /);
      expect(reply).toMatch(/content-security-policy: default-src 'self'/i);
    }
    expect((await fetch(`${base}/config.json`)).status).toBe(200);
  });

  it('refuses a WebSocket opened by a page from another origin', async () => {
    await expect(xmppOverWebSocket('https://evil.example')).rejects.toThrow(/refused/);
  });

  it('refuses a WebSocket from another origin, or on another path, with 403 and the security headers', async () => {
    const upgrade =
      'Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n' +
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n';
    for (const [path, origin] of [
      ['/xmpp-websocket', 'https://evil.example'],
      ['/elsewhere', undefined],
    ] as const) {
      const reply = await raw(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\n${origin ? `Origin: ${origin}\r\n` : ''}${upgrade}`,
      );
      expect(reply, path).toMatch(/^HTTP\/1\.1 403 Forbidden\r\n/);
      expect(reply, path).toMatch(/content-security-policy: default-src 'self'/i);
      expect(reply, path).toMatch(/x-frame-options: DENY/i);
      expect(reply, path).toMatch(/strict-transport-security: /i);
    }
  });
});
