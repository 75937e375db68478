// Where send-to-display-peer time goes, for Bleep and Converse side by side:
// `npx node bench/latency-breakdown-peer.ts` (N=200 counted messages after
// W=100 of warm-up, in alternating rounds of 25 as the benchmark runs them).
// Prints p50 / p95 in ms of each leg for each client:
//   submit → ws.send (sender's app), ws.send → ws message (Chromium, web
//   proxy, Prosody, and any wait for the receiver's main thread),
//   ws message → on screen (receiver's app);
// then one more round of 25 per pair under a Chromium performance trace
// (main-thread-trace.ts): each page's main-thread CPU per message (style,
// layout, paint, the rest) and the elements in its document.
// Not part of `npm run bench`: it wraps each page's WebSocket (frame-stamps.ts).
import type { Page } from 'playwright-core';
import { openContexts } from '../e2e/support/browser.ts';
import { startTestStack } from '../e2e/support/stack.ts';
import { ensurePwaBuilt } from '../scripts/stack/build-pwa.ts';
import { addAccounts } from './accounts.ts';
import { BLEEP_BODY, bleepSend, openBleepChat } from './bleep-page.ts';
import { CONVERSE_BODY, converseSend, openConverseChat, routeConverse } from './converse-page.ts';
import { pageRound, watchDisplay, type PagePair, type Send } from './display.ts';
import { p50p95, stampFrames, stamps } from './frame-stamps.ts';
import { traceMainThreads } from './main-thread-trace.ts';

const N = Number(process.env.N ?? 200);
const W = Number(process.env.W ?? 100);
const ROUND = 25;
const say = (line: string) => process.stdout.write(`${line}\n`);

ensurePwaBuilt(() => {});
const stack = await startTestStack();
const chromium = await openContexts(stack.settings.tls.cert, 4);
try {
  const [ca, cb] = await addAccounts(stack.settings, ['converse-a', 'converse-b']);
  const [bleepA, bleepB, converseA, converseB] = chromium.contexts;
  for (const c of [bleepA!, bleepB!]) await c.addInitScript(stampFrames, BLEEP_BODY);
  for (const c of [converseA!, converseB!]) await c.addInitScript(stampFrames, CONVERSE_BODY);
  const [pa, pb, xa, xb] = (await Promise.all(chromium.contexts.map((c) => c.newPage()))) as Page[];
  await openBleepChat(pa!, stack, 'dispatcher', 'doctor1');
  await openBleepChat(pb!, stack, 'doctor1', 'dispatcher');
  await openConverseChat(xa!, await routeConverse(converseA!, stack.url, ca!), cb!.jid);
  await openConverseChat(xb!, await routeConverse(converseB!, stack.url, cb!), ca!.jid);

  const submitted: Record<string, number> = {};
  const stamping =
    (send: Send): Send =>
    async (page, text) =>
      (submitted[text] = await send(page, text));
  const clients: Array<{ name: string; tag: string; to: Page; pair: PagePair }> = [
    {
      name: 'Bleep',
      tag: 'b',
      to: pb!,
      pair: { from: pa!, send: stamping(bleepSend), shown: await watchDisplay(pb!, BLEEP_BODY) },
    },
    {
      name: 'Converse',
      tag: 'c',
      to: xb!,
      pair: { from: xa!, send: stamping(converseSend), shown: await watchDisplay(xb!, CONVERSE_BODY) },
    },
  ];
  const rounds = async (from: number, to: number) => {
    for (let start = from, round = 0; start < to; start += ROUND, round++)
      for (const c of round % 2 ? [...clients].reverse() : clients)
        await pageRound(c.pair, c.tag, start, Math.min(ROUND, to - start), []);
  };
  await rounds(0, W + N);
  // After the counted messages, so tracing does not slow them: one traced round per pair.
  const pages = clients.flatMap((c) => [c.pair.from, c.to]);
  const cpu = await traceMainThreads(chromium.contexts[0]!.browser()!, pages, async (mark) => {
    for (const c of clients) {
      for (const p of [c.pair.from, c.to]) await mark(p, 'start');
      await pageRound(c.pair, `${c.tag}t`, 0, ROUND, []);
      for (const p of [c.pair.from, c.to]) await mark(p, 'end');
    }
  });
  const elements = await Promise.all(pages.map((p) => p.evaluate(() => document.querySelectorAll('*').length)));

  for (const c of clients) {
    const [a, b] = [await stamps(c.pair.from), await stamps(c.to)];
    const keys = Array.from({ length: N }, (_, i) => `bench-${c.tag}-${W + i}`);
    const leg = (name: string, f: (k: string) => number) => say(`  ${name.padEnd(24)}${p50p95(keys.map(f))} ms`);
    say(`${c.name} (p50 / p95, N=${N} after ${W} of warm-up)`);
    leg('submit → ws.send', (k) => a.send[k]! - submitted[k]!);
    leg('ws.send → ws message', (k) => b.recv[k]! - a.send[k]!);
    leg('ws message → on screen', (k) => b.shown[k]! - b.recv[k]!);
    leg('submit → on screen', (k) => b.shown[k]! - submitted[k]!);
    for (const [side, page] of [
      ['sender', c.pair.from],
      ['receiver', c.to],
    ] as const) {
      const i = pages.indexOf(page);
      const t = cpu[i]!;
      const per = (ms: number) => (ms / ROUND).toFixed(2);
      say(
        `  ${side} main-thread CPU per message: ${per(t.total)} ms (style ${per(t.style)}, layout ${per(t.layout)}, ` +
          `paint ${per(t.paint)}, script and the rest ${per(t.other)}); ${elements[i]} elements in the page`,
      );
    }
  }
} finally {
  await chromium.close();
  await stack.close();
}
