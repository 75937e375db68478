// Where send-to-display-peer time goes, for Bleep and Converse side by side:
// `npx node bench/latency-breakdown-peer.ts` (N=200 counted messages after
// W=100 of warm-up, in alternating rounds of 25 as the benchmark runs them).
// Prints p50 / p95 in ms of each leg for each client:
//   submit → ws.send (sender's app), ws.send → ws message (Chromium, web
//   proxy, Prosody, and any wait for the receiver's main thread),
//   ws message → on screen (receiver's app);
// and, from Chromium's own counters (CDP Performance.getMetrics), the main-thread
// time each page spent per counted message: all tasks, script, style, layout.
// Not part of `npm run bench`: it wraps each page's WebSocket (frame-stamps.ts).
import type { Page } from 'playwright-core';
import { openContexts } from '../e2e/support/browser.ts';
import { account, startTestStack } from '../e2e/support/stack.ts';
import { ensurePwaBuilt } from '../scripts/stack/build-pwa.ts';
import { addAccounts } from './accounts.ts';
import { BLEEP_BODY, bleepSend, openBleepChat } from './bleep-page.ts';
import { CONVERSE_BODY, converseSend, openConverseChat, routeConverse } from './converse-page.ts';
import { pageRound, watchDisplay, type PagePair, type Send } from './display.ts';
import { p50p95, stampFrames, stamps } from './frame-stamps.ts';

const N = Number(process.env.N ?? 200);
const W = Number(process.env.W ?? 100);
const ROUND = 25;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Chromium counts a page's main-thread time while CDP's Performance domain is on; this reads the totals. */
async function mainThread(page: Page): Promise<() => Promise<Record<string, number>>> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return async () => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return Object.fromEntries(metrics.map((m) => [m.name, m.value]));
  };
}

ensurePwaBuilt(() => {});
const stack = await startTestStack();
const chromium = await openContexts(stack.settings.tls.cert, 4);
try {
  const [ca, cb] = await addAccounts(stack.settings, ['converse-a', 'converse-b']);
  const [bleepA, bleepB, converseA, converseB] = chromium.contexts;
  for (const c of [bleepA!, bleepB!]) await c.addInitScript(stampFrames, BLEEP_BODY);
  for (const c of [converseA!, converseB!]) await c.addInitScript(stampFrames, CONVERSE_BODY);
  const [pa, pb, xa, xb] = (await Promise.all(chromium.contexts.map((c) => c.newPage()))) as Page[];
  const dana = account(stack, 'dispatcher');
  const amara = account(stack, 'doctor1');
  await openBleepChat(pa!, stack, dana.user, amara.jid);
  await openBleepChat(pb!, stack, amara.user, dana.jid);
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
  // Main-thread time is summed over each pair's own rounds only, so the other pair's rounds
  // (when this pair's pages are idle) do not count.
  const counters = new Map<Page, () => Promise<Record<string, number>>>();
  const spent = new Map<Page, Record<string, number>>();
  const rounds = async (from: number, to: number, count: boolean) => {
    for (let start = from, round = 0; start < to; start += ROUND, round++)
      for (const c of round % 2 ? [...clients].reverse() : clients) {
        const pages = [c.pair.from, c.to];
        const before = count ? await Promise.all(pages.map((p) => counters.get(p)!())) : [];
        await pageRound(c.pair, c.tag, start, Math.min(ROUND, to - start), []);
        if (!count) continue;
        const after = await Promise.all(pages.map((p) => counters.get(p)!()));
        pages.forEach((p, i) => {
          const sum = spent.get(p) ?? {};
          for (const [m, v] of Object.entries(after[i]!)) sum[m] = (sum[m] ?? 0) + v - before[i]![m]!;
          sum.NodesAtEnd = after[i]!.Nodes!;
          spent.set(p, sum);
        });
      }
  };
  await rounds(0, W, false);
  for (const c of clients) for (const p of [c.pair.from, c.to]) counters.set(p, await mainThread(p));
  await rounds(W, W + N, true);

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
      const totals = spent.get(page)!;
      const per = (m: string) => (totals[m]! * 1000) / N;
      say(
        `  ${side} main thread per message: ${per('TaskDuration').toFixed(2)} ms ` +
          `(script ${per('ScriptDuration').toFixed(2)}, style ${per('RecalcStyleDuration').toFixed(2)}, ` +
          `layout ${per('LayoutDuration').toFixed(2)}); DOM nodes +${(totals.Nodes! / N).toFixed(0)} per message, ${totals.NodesAtEnd} at the end`,
      );
    }
  }
} finally {
  await chromium.close();
  await stack.close();
}
