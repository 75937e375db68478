// media-10mb (issue #11): a 10 MB photo from the moment the sender picks it
// to the moment the recipient's page has it on screen (the <img> loaded),
// over loopback: metadata stripped, AES-256-GCM in the browser, XEP-0363 slot
// and PUT through the web server to Prosody, the link as a message, download,
// decryption and decoding on the other side. Both pages stamp with
// performance.timeOrigin + performance.now() (one machine clock).
//
// Baseline, same run, rounds alternating: the server's own transfer floor for
// the same bytes, a bare Node client asking for a slot, PUTting 10 MB through
// the same web server and GETting them back (no crypto, no app, no message).
// The ratio says what the app adds on top of moving the bytes.
import { request as httpsRequest } from 'node:https';
import { readFileSync } from 'node:fs';
import { login, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import type { Page } from 'playwright-core';
import { openContexts } from '../e2e/support/browser.ts';
import { account, startTestStack, type TestStack } from '../e2e/support/stack.ts';
import { openBleepChat } from './bleep-page.ts';
import { within } from './display.ts';
import type { BenchResult } from './results.ts';
import { percentile } from './results.ts';

const ROUNDS = Number(process.env.BENCH_MEDIA_ROUNDS ?? 5);
const SIZE = 10 * 1024 * 1024;

/** A camera-like 10 MB JPEG (noisy gradients, as a sensor gives), made by the browser's own encoder. */
async function makePhoto(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async (target) => {
    const w = 4032;
    const h = 3024;
    const c = new OffscreenCanvas(w, h);
    const g = c.getContext('2d')!;
    const img = g.createImageData(w, h);
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff) * 255;
    for (let i = 0; i < img.data.length; i += 4) {
      const x = (i / 4) % w;
      img.data[i] = (x / w) * 200 + rnd() * 0.3;
      img.data[i + 1] = (i / img.data.length) * 200 + rnd() * 0.3;
      img.data[i + 2] = rnd() * 0.5;
      img.data[i + 3] = 255;
    }
    g.putImageData(img, 0, 0);
    // The quality that lands nearest 10 MB.
    let best = new Uint8Array();
    for (const quality of [0.8, 0.85, 0.9, 0.93, 0.95, 0.97]) {
      const b = new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg', quality })).arrayBuffer());
      if (Math.abs(b.length - target) < Math.abs(best.length - target)) best = b;
    }
    return Array.from(best);
  }, SIZE);
  return Buffer.from(bytes);
}

/** Stamps in both pages: the sender's file input changing (picked), the recipient's photo loaded (seen). */
async function watch(sender: Page, recipient: Page) {
  const picked: number[] = [];
  const seen: number[] = [];
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  await sender.exposeFunction('__benchPicked', (at: number) => (picked.push(at), wake()));
  await recipient.exposeFunction('__benchSeen', (at: number) => (seen.push(at), wake()));
  await sender.evaluate(() => {
    const tell = (window as unknown as { __benchPicked: (at: number) => void }).__benchPicked;
    document.addEventListener('change', () => tell(performance.timeOrigin + performance.now()), true);
  });
  await recipient.evaluate(() => {
    const tell = (window as unknown as { __benchSeen: (at: number) => void }).__benchSeen;
    // load does not bubble; capture sees it at the document.
    document.addEventListener(
      'load',
      (e) => {
        const t = e.target as Element;
        if (t.matches?.('[data-testid="message-photo"]')) tell(performance.timeOrigin + performance.now());
      },
      true,
    );
  });
  const next = (list: number[], n: number) =>
    new Promise<number>((resolve) => {
      const check = () => (list.length >= n ? resolve(list[n - 1]!) : waiters.push(check));
      check();
    });
  return { picked: (n: number) => next(picked, n), seen: (n: number) => next(seen, n) };
}

/** One HTTPS request to the stack's web server (its self-signed certificate trusted). */
function https(
  stack: TestStack,
  method: string,
  url: string,
  body?: Buffer,
  extra: Record<string, string> = {},
): Promise<Buffer> {
  const ca = readFileSync(stack.settings.tls.cert);
  const u = new URL(url);
  const web = new URL(stack.url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      {
        method,
        host: '127.0.0.1',
        port: web.port,
        path: u.pathname,
        servername: web.hostname,
        headers: {
          ...extra,
          host: web.host,
          'content-type': 'application/octet-stream',
          'content-length': body?.length ?? 0,
        },
        ca,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          (res.statusCode ?? 0) < 300
            ? resolve(Buffer.concat(chunks))
            : reject(new Error(`${method} ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function floorRound(stack: TestStack, c: Client, bytes: Buffer): Promise<number> {
  const t0 = performance.now();
  const slotReq = xml('request', {
    xmlns: 'urn:xmpp:http:upload:0',
    filename: 'photo.jpg',
    size: String(bytes.length),
    'content-type': 'application/octet-stream',
  });
  const res = await c.iqCaller.request(xml('iq', { type: 'get', to: stack.settings.shareHost }, slotReq));
  const slot = res.getChild('slot', 'urn:xmpp:http:upload:0') as XmlElement;
  const put = slot.getChild('put')!;
  const headers = Object.fromEntries(put.getChildren('header').map((h) => [h.attrs.name as string, h.text()]));
  await https(stack, 'PUT', put.attrs.url as string, bytes, headers);
  const back = await https(stack, 'GET', slot.getChild('get')!.attrs.url as string);
  if (back.length !== bytes.length) throw new Error('the floor download came back short');
  return performance.now() - t0;
}

export async function media10mb(progress: (line: string) => void): Promise<BenchResult[]> {
  const stack = await startTestStack();
  const chromium = await openContexts(stack.settings.tls.cert, 2);
  let node: Client | undefined;
  try {
    const [pa, pb] = await Promise.all(chromium.contexts.map((c) => c.newPage()));
    await openBleepChat(pa!, stack, 'dispatcher', 'doctor1');
    await openBleepChat(pb!, stack, 'doctor1', 'dispatcher');
    const photo = await makePhoto(pa!);
    progress(`media-10mb: photo of ${(photo.length / 1024 / 1024).toFixed(1)} MB (JPEG, 4032×3024)`);
    const stamps = await watch(pa!, pb!);
    node = await login(stack.settings, account(stack, 'nurse'));

    const app: number[] = [];
    const floor: number[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      floor.push(await floorRound(stack, node, photo));
      await pa!
        .getByTestId('message-attach-input')
        .setInputFiles({ name: 'IMG_0001.jpg', mimeType: 'image/jpeg', buffer: photo });
      const [picked, seen] = await within(Promise.all([stamps.picked(i), stamps.seen(i)]), 120_000, `photo ${i}`);
      app.push(seen - picked);
      progress(
        `media-10mb: round ${i}/${ROUNDS}: app ${app.at(-1)!.toFixed(0)} ms, floor ${floor.at(-1)!.toFixed(0)} ms`,
      );
    }
    const p50 = (xs: number[]) =>
      percentile(
        [...xs].sort((a, b) => a - b),
        50,
      );
    const value = p50(app);
    const baseline = p50(floor);
    // No target in the issue ("print it"): the ratio to the transfer floor is shown, not judged.
    return [
      {
        name: 'media-10mb',
        metric: 'p50',
        value,
        unit: 'ms',
        baseline,
        ratio: value / baseline,
        target: Infinity,
        targetKind: 'ratio',
        n: ROUNDS,
      },
    ];
  } finally {
    await node?.stop().catch(() => {});
    await chromium.close().catch(() => {});
    await stack.close();
  }
}
