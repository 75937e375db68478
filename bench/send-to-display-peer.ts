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
import { BLEEP_BODY, bleepLastLock, bleepSend, openBleepChat } from './bleep-page.ts';
import {
  CONVERSE_BODY,
  converseGotEncrypted,
  converseSend,
  openConverseChatWith,
  routeConverse,
  signInConverse,
} from './converse-page.ts';
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

/**
 * send-to-display-peer, or with `omemo` send-to-display-omemo (issue #11): the same
 * with OMEMO on in both clients (Bleep has it on by default; Converse with
 * `omemo_default`), each page's keys published before its chat opens, and the
 * run checked to have gone encrypted on both sides at the end.
 */
export async function sendToDisplayPeer(
  progress: (line: string) => void,
  opts: { omemo?: boolean } = {},
): Promise<BenchResult[]> {
  const name = opts.omemo ? 'send-to-display-omemo' : 'send-to-display-peer';
  const stack = await startTestStack();
  let chromium: Awaited<ReturnType<typeof openContexts>> | undefined;
  try {
    const [ca, cb] = await addAccounts(stack.settings, ['converse-a', 'converse-b']);
    progress(`${name}: stack up; opening four pages in one Chromium`);
    chromium = await openContexts(stack.settings.tls.cert, 4);
    const [, , converseA, converseB] = chromium.contexts;
    const [pa, pb, xa, xb] = await Promise.all(chromium.contexts.map((c) => c.newPage()));
    const omemo = { omemo: !!opts.omemo };
    const converseSettings = opts.omemo ? { omemo_default: true } : {};
    await openBleepChat(pa!, stack, 'dispatcher', 'doctor1', omemo);
    await openBleepChat(pb!, stack, 'doctor1', 'dispatcher', omemo);
    // Both Converse pages publish their keys before either opens its chat (INTEROP.md).
    await signInConverse(xa!, await routeConverse(converseA!, stack.url, ca!, converseSettings), omemo);
    await signInConverse(xb!, await routeConverse(converseB!, stack.url, cb!, converseSettings), omemo);
    await openConverseChatWith(xa!, cb!.jid, omemo);
    await openConverseChatWith(xb!, ca!.jid, omemo);
    const bleep: PagePair = { from: pa!, send: bleepSend, shown: await watchDisplay(pb!, BLEEP_BODY) };
    const converse: PagePair = { from: xa!, send: converseSend, shown: await watchDisplay(xb!, CONVERSE_BODY) };

    progress(`${name}: all four signed in; warming up (${WARMUP} messages each)`);
    await alternate(bleep, converse, 'w', WARMUP, (done, medians) =>
      progress(`${name}: warm-up ${done}/${WARMUP} (${medians})`),
    );
    const times = await alternate(bleep, converse, '', TOTAL, (done, medians) =>
      progress(`${name}: ${done}/${TOTAL} messages each (${medians})`),
    );
    if (opts.omemo) {
      // The last counted message of each pair (pageRound's `bench-<b|c>-<i>`) arrived encrypted.
      const bleepLock = await bleepLastLock(pb!);
      const converseEncrypted = await converseGotEncrypted(xb!, ca!.jid, `bench-c-${TOTAL - 1}`);
      if (bleepLock !== 'encrypted' || !converseEncrypted)
        throw new Error(
          `${name}: the last message did not arrive encrypted (Bleep ${bleepLock}, Converse ${converseEncrypted})`,
        );
    }
    return percentileRows(name, times.bleep, times.converse, 1.0);
  } finally {
    await chromium?.close().catch(() => {});
    await stack.close();
  }
}
