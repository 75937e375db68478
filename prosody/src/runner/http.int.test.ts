// Prosody's HTTP side as the web proxy sees it: the websocket and file share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './index.ts';
import { login, xml, type Client } from './test-client.ts';

const alice = { user: 'alice', password: 'alice-password-1' };
let prosody: RunningProsody;
let client: Client | undefined;

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [alice] });
});
afterAll(async () => {
  await client?.stop();
  await prosody?.stop();
});

/** Opens /xmpp-websocket (RFC 7395), sends <open/> and returns the stream features. */
async function websocketFeatures(headers: Record<string, string>): Promise<string> {
  const { http } = prosody.settings.ports;
  // Node's WebSocket (undici) accepts extra headers, as a proxy would add them.
  const init = { protocols: ['xmpp'], headers } as unknown as string[];
  const ws = new WebSocket(`ws://127.0.0.1:${http}/xmpp-websocket`, init);
  try {
    return await new Promise<string>((resolve, reject) => {
      ws.onerror = () => reject(new Error('websocket failed'));
      ws.onopen = () =>
        ws.send(`<open xmlns="urn:ietf:params:xml:ns:xmpp-framing" to="${prosody.settings.domain}" version="1.0"/>`);
      ws.onmessage = (e) => String(e.data).includes('features') && resolve(String(e.data));
    });
  } finally {
    ws.close();
  }
}

describe('websocket', () => {
  it('offers login when the trusted proxy says the client used https', async () => {
    expect(await websocketFeatures({ 'X-Forwarded-Proto': 'https' })).toContain('<mechanism>PLAIN</mechanism>');
  });

  it('offers no login over a plain connection without the proxy header', async () => {
    expect(await websocketFeatures({})).not.toContain('mechanism');
  });
});

describe('file share', () => {
  it('hands out slots under the public URL and stores and serves the upload', async () => {
    client = await login(prosody.settings, alice);
    const body = Buffer.from('ciphertext-bytes');
    const request = xml('request', {
      xmlns: 'urn:xmpp:http:upload:0',
      filename: 'a.bin',
      size: String(body.length),
      'content-type': 'application/octet-stream',
    });
    const res = await client.iqCaller.request(xml('iq', { type: 'get', to: prosody.settings.shareHost }, request));
    const slot = res.getChild('slot', 'urn:xmpp:http:upload:0')!;
    const put = slot.getChild('put')!.attrs.url!;
    const get = slot.getChild('get')!.attrs.url!;
    expect(put.startsWith(`${prosody.settings.publicUrl}/file_share/`)).toBe(true);
    // Straight to Prosody, as the web proxy does, under any Host header.
    const local = (url: string) => `http://127.0.0.1:${prosody.settings.ports.http}${new URL(url).pathname}`;
    const headers: Record<string, string> = { 'Content-Type': 'application/octet-stream' };
    for (const h of slot.getChild('put')!.getChildren('header')) headers[h.attrs.name!] = h.text();
    const up = await fetch(local(put), { method: 'PUT', body, headers });
    expect(up.status).toBe(201);
    const down = await fetch(local(get));
    expect(Buffer.from(await down.arrayBuffer())).toEqual(body);
  });

  it('refuses a file above the size limit with a readable error', async () => {
    const size = String(prosody.settings.upload.maxBytes + 1);
    const request = xml('request', { xmlns: 'urn:xmpp:http:upload:0', filename: 'big.bin', size });
    await expect(
      client!.iqCaller.request(xml('iq', { type: 'get', to: prosody.settings.shareHost }, request)),
    ).rejects.toThrow(/not-acceptable|too large/i);
  });
});
