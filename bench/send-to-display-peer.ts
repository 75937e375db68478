// Send to display against a peer (issue #7): two Bleep pages and two
// Converse.js 14 pages in one Chromium, through the same web proxy and the
// same Prosody, the same messages, measured the same way (display.ts).
// Rounds alternate between the pairs, and which pair goes first alternates
// too, so that machine noise hits both alike. Both pairs warm up first:
// Converse gets faster over its first 50-75 messages (INTEROP.md).
//
// Separate accounts for the Converse pair: signing the same people in to both
// clients would make each render the other's traffic (carbons, and Prosody
// delivers a chat to every resource of the top priority).
import { openContexts } from '../e2e/support/browser.ts';
import { startTestStack } from '../e2e/support/stack.ts';
import { addAccounts } from './accounts.ts';
import { BLEEP_BODY, bleepSend, openBleepChat } from './bleep-page.ts';
import { CONVERSE_BODY, converseSend, openConverseChat, routeConverse } from './converse-page.ts';
import { pageRound, watchDisplay, type PagePair } from './display.ts';
import { percentile, percentileRows, type BenchResult } from './results.ts';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 200);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100);
const ROUND = 25;

/** `total` messages per pair in alternating rounds; returns the send → display times of each. */
async function alternate(
  bleep: PagePair,
  converse: PagePair,
  tag: string,
  total: number,
  progress: (done: number, roundMedians: string) => void,
): Promise<{ bleep: number[]; converse: number[] }> {
  const out = { bleep: [] as number[], converse: [] as number[] };
  for (let start = 0, round = 0; start < total; start += ROUND, round++) {
    const count = Math.min(ROUND, total - start);
    const runBleep = () => pageRound(bleep, `b${tag}`, start, count, out.bleep);
    const runConverse = () => pageRound(converse, `c${tag}`, start, count, out.converse);
    if (round % 2 === 0) {
      await runBleep();
      await runConverse();
    } else {
      await runConverse();
      await runBleep();
    }
    const median = (xs: number[]) =>
      percentile(
        [...xs.slice(-count)].sort((x, y) => x - y),
        50,
      ).toFixed(1);
    progress(start + count, `round p50: Bleep ${median(out.bleep)} ms, Converse ${median(out.converse)} ms`);
  }
  return out;
}

export async function sendToDisplayPeer(progress: (line: string) => void): Promise<BenchResult[]> {
  const stack = await startTestStack();
  let chromium: Awaited<ReturnType<typeof openContexts>> | undefined;
  try {
    const [ca, cb] = await addAccounts(stack.settings, ['converse-a', 'converse-b']);
    progress('send-to-display-peer: stack up; opening four pages in one Chromium');
    chromium = await openContexts(stack.settings.tls.cert, 4);
    const [, , converseA, converseB] = chromium.contexts;
    const [pa, pb, xa, xb] = await Promise.all(chromium.contexts.map((c) => c.newPage()));
    await openBleepChat(pa!, stack, 'dispatcher', 'doctor1');
    await openBleepChat(pb!, stack, 'doctor1', 'dispatcher');
    await openConverseChat(xa!, await routeConverse(converseA!, stack.url, ca!), cb!.jid);
    await openConverseChat(xb!, await routeConverse(converseB!, stack.url, cb!), ca!.jid);
    const bleep: PagePair = { from: pa!, send: bleepSend, shown: await watchDisplay(pb!, BLEEP_BODY) };
    const converse: PagePair = { from: xa!, send: converseSend, shown: await watchDisplay(xb!, CONVERSE_BODY) };

    progress(`send-to-display-peer: all four signed in; warming up (${WARMUP} messages each)`);
    await alternate(bleep, converse, 'w', WARMUP, (done, medians) =>
      progress(`send-to-display-peer: warm-up ${done}/${WARMUP} (${medians})`),
    );
    const times = await alternate(bleep, converse, '', TOTAL, (done, medians) =>
      progress(`send-to-display-peer: ${done}/${TOTAL} messages each (${medians})`),
    );
    return percentileRows('send-to-display-peer', times.bleep, times.converse, 1.0);
  } finally {
    await chromium?.close().catch(() => {});
    await stack.close();
  }
}
