// Where send-to-display time goes: `npx node bench/latency-breakdown.ts`
// (N=100 by default). Figures are p50 / p95 in ms. Not part of `npm run bench`: it wraps each page's
// WebSocket to stamp frames, which the benchmark must not do. Prints medians of
//   submit → ws.send (sender's app), ws.send → ws message (network, proxy,
//   Prosody, browser plumbing), ws message → on screen (receiver's app),
// and the same network leg for hand-written frames sent on the sender's socket
// without xmpp.js or Vue: not archived, archived, and archived with the
// PWA's receipt/marker/origin-id children (the floor the app stands on).
import type { Page } from 'playwright-core';
import { openContexts } from '../e2e/support/browser.ts';
import { openChatWith } from '../e2e/support/nav.ts';
import { signIn } from '../e2e/support/sign-in.ts';
import { account, startTestStack } from '../e2e/support/stack.ts';
import { ensurePwaBuilt } from '../scripts/stack/build-pwa.ts';

const N = Number(process.env.N ?? 100);
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Stamps {
  send: Record<string, number>;
  recv: Record<string, number>;
  shown: Record<string, number>;
}
type Stamped = Window & { __t: Stamps; __sockets: WebSocket[]; WebSocket: typeof WebSocket };

/** Runs in each page before the app: stamps frames and displays that carry a "bench-N"/"floor-N" key. */
function stampFrames(): void {
  const w = window as unknown as Stamped;
  const now = () => performance.timeOrigin + performance.now();
  const key = (s: unknown) => (typeof s === 'string' ? /(bench|floor)-\d+/.exec(s)?.[0] : undefined);
  w.__t = { send: {}, recv: {}, shown: {} };
  w.__sockets = [];
  const Native = WebSocket;
  class Stamping extends Native {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      w.__sockets.push(this);
      this.addEventListener('message', (e) => {
        const k = key(e.data);
        if (k && !(k in w.__t.recv)) w.__t.recv[k] = now();
      });
    }
    override send(data: string | ArrayBufferLike | Blob | ArrayBufferView): void {
      const k = key(data);
      if (k && !(k in w.__t.send)) w.__t.send[k] = now();
      super.send(data);
    }
  }
  w.WebSocket = Stamping;
  new MutationObserver((records) => {
    const at = now();
    for (const r of records)
      for (const n of r.addedNodes) {
        if (!(n instanceof Element)) continue;
        for (const el of [n, ...n.querySelectorAll('[data-testid="message-body"]')]) {
          const k = el.getAttribute('data-testid') === 'message-body' ? key(el.textContent) : undefined;
          if (k && !(k in w.__t.shown)) w.__t.shown[k] = at;
        }
      }
  }).observe(document, { childList: true, subtree: true });
}

/** "p50 / p95" of the figures, in ms. */
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2);
  return `${at(0.5)} / ${at(0.95)}`;
};
const stamps = (p: Page) => p.evaluate(() => (window as unknown as Stamped).__t);

ensurePwaBuilt(() => {});
const stack = await startTestStack();
const chromium = await openContexts(stack.settings.tls.cert, 2);
try {
  for (const c of chromium.contexts) await c.addInitScript(stampFrames);
  const [pa, pb] = (await Promise.all(chromium.contexts.map((c) => c.newPage()))) as [Page, Page];
  const amara = account(stack, 'doctor1');
  for (const [page, user, peer] of [
    [pa, 'dispatcher', 'doctor1'],
    [pb, 'doctor1', 'dispatcher'],
  ] as const) {
    await signIn(page, stack, user);
    await openChatWith(page, stack, peer);
    await page.getByTestId('composer').waitFor();
  }

  const submitted: number[] = [];
  for (let i = 0; i < N; i++) {
    const text = `bench-${i}`;
    submitted.push(
      await pa.evaluate((t) => {
        const ta = document.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
        ta.value = t;
        ta.dispatchEvent(new Event('input'));
        const at = performance.timeOrigin + performance.now();
        ta.form!.requestSubmit();
        return at;
      }, text),
    );
    await pb.waitForFunction((t) => (window as unknown as Stamped).__t.shown[t], text, { timeout: 10_000 });
  }
  const [a, b] = [await stamps(pa), await stamps(pb)];
  const keys = submitted.map((_, i) => `bench-${i}`);
  say(`submit → ws.send        ${median(keys.map((k, i) => a.send[k]! - submitted[i]!))} ms (p50 / p95)`);
  say(`ws.send → ws message    ${median(keys.map((k) => b.recv[k]! - a.send[k]!))} ms (p50 / p95)`);
  say(`ws message → on screen  ${median(keys.map((k) => b.shown[k]! - b.recv[k]!))} ms (p50 / p95)`);
  say(`submit → on screen      ${median(keys.map((k, i) => b.shown[k]! - submitted[i]!))} ms (p50 / p95)`);

  const frames: Record<string, (key: string) => string> = {
    'not archived': (k) =>
      `<message xmlns='jabber:client' type='chat' to='${amara.jid}'><body>${k}</body><no-store xmlns='urn:xmpp:hints'/></message>`,
    archived: (k) => `<message xmlns='jabber:client' type='chat' to='${amara.jid}'><body>${k}</body></message>`,
    'as the PWA sends it': (k) =>
      `<message xmlns='jabber:client' type='chat' to='${amara.jid}' id='${k}'><body>${k}</body>` +
      `<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>` +
      `<origin-id xmlns='urn:xmpp:sid:0' id='${k}'/></message>`,
  };
  let n = 0;
  for (const [name, frame] of Object.entries(frames)) {
    const legs: number[] = [];
    for (let i = 0; i < N; i++) {
      const k = `floor-${n++}`;
      const sent = await pa.evaluate((f) => {
        const w = window as unknown as Stamped;
        const at = performance.timeOrigin + performance.now();
        // Straight onto the app's socket: xmpp.js's stream-management count drifts, which is fine here.
        WebSocket.prototype.send.call(w.__sockets.at(-1)!, f);
        return at;
      }, frame(k));
      await pb.waitForFunction((t) => (window as unknown as Stamped).__t.recv[t], k, { timeout: 10_000 });
      legs.push((await stamps(pb)).recv[k]! - sent);
    }
    say(`floor, ${name}: ws.send → ws message ${median(legs)} ms (p50 / p95)`);
  }
} finally {
  await chromium.close();
  await stack.close();
}
