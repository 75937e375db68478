// Send to display: from Send in one browser to the text on screen in the
// other, over loopback, against two bare @xmpp/client Node clients exchanging
// the same messages through the same Prosody. Rounds alternate between the
// two so that machine noise hits both alike. Both pages stamp times with
// performance.timeOrigin + performance.now() (one machine clock), so the
// browser figure includes neither Playwright nor the call that paces it.
import type { Page } from 'playwright-core';
import { login, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { openContexts, type Browser } from '../e2e/support/browser.ts';
import { openChatWith } from '../e2e/support/nav.ts';
import { signIn } from '../e2e/support/sign-in.ts';
import { account, startTestStack, type TestStack } from '../e2e/support/stack.ts';
import { chatStanza } from '../pwa/src/features/chat/codec.ts';
import { percentile, type BenchResult } from './results.ts';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 200);
const ROUND = 25;

/** Signs in and opens the chat with `peer` (a demo user). */
async function signInTo(page: Page, stack: TestStack, user: string, peer: string): Promise<void> {
  await signIn(page, stack, user);
  await openChatWith(page, stack, peer);
  await page.getByTestId('composer').waitFor();
}

/**
 * Records when each bench message is first on screen and tells the bench
 * through a binding, after taking the time: polling the page over CDP every
 * few milliseconds would load the very machine being measured.
 */
async function watchDisplay(page: Page): Promise<(text: string) => Promise<number>> {
  const waiting = new Map<string, (at: number) => void>();
  const seen = new Map<string, number>();
  await page.exposeFunction('__benchSeen', (text: string, at: number) => {
    seen.set(text, at);
    waiting.get(text)?.(at);
  });
  await page.evaluate(() => {
    const done = new Set<string>();
    const tell = (window as unknown as { __benchSeen: (t: string, at: number) => void }).__benchSeen;
    // Only the nodes each mutation adds: scanning the whole list would slow the page being measured.
    new MutationObserver((records) => {
      const at = performance.timeOrigin + performance.now();
      for (const r of records)
        for (const n of r.addedNodes) {
          if (!(n instanceof Element)) continue;
          for (const el of [n, ...n.querySelectorAll('[data-testid="message-body"]')]) {
            const t = el.getAttribute('data-testid') === 'message-body' ? (el.textContent ?? '') : '';
            if (t.startsWith('bench-') && !done.has(t)) {
              done.add(t);
              tell(t, at);
            }
          }
        }
    }).observe(document.body, { childList: true, subtree: true });
  });
  return (text) =>
    within(
      new Promise<number>((resolve) => {
        const at = seen.get(text);
        if (at !== undefined) resolve(at);
        else waiting.set(text, resolve);
      }),
      10_000,
      `browser message ${text}`,
    );
}

async function browserRound(
  from: Page,
  shown: (text: string) => Promise<number>,
  start: number,
  count: number,
  out: number[],
): Promise<void> {
  for (let i = start; i < start + count; i++) {
    const text = `bench-${i}`;
    const displayed = shown(text);
    const sentAt = await from.evaluate((t) => {
      const ta = document.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
      ta.value = t;
      ta.dispatchEvent(new Event('input'));
      const at = performance.timeOrigin + performance.now();
      ta.form!.requestSubmit();
      return at;
    }, text);
    out.push((await displayed) - sentAt);
  }
}

async function smEnabled(c: Client): Promise<void> {
  const sm = (c as unknown as { streamManagement?: { enabled: boolean } }).streamManagement;
  for (let i = 0; i < 250 && sm && !sm.enabled; i++) await new Promise((r) => setTimeout(r, 20));
}

/** Waits for `p`, failing with a clear message rather than hanging the run. */
function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
  );
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

async function nodeRound(a: Client, b: Client, to: string, start: number, count: number, out: number[]): Promise<void> {
  for (let i = start; i < start + count; i++) {
    const text = `bench-node-${i}`;
    const emitter = b as unknown as {
      on(e: string, f: (el: XmlElement) => void): void;
      off(e: string, f: unknown): void;
    };
    const got = new Promise<number>((resolve) => {
      const on = (el: XmlElement) => {
        if (el.getChildText('body') !== text) return;
        emitter.off('stanza', on);
        resolve(performance.now());
      };
      emitter.on('stanza', on);
    });
    const t0 = performance.now();
    // The same message as the PWA's, from its own builder (body, receipt
    // request, marker, origin-id, chat state).
    await a.send(chatStanza(to, text, text) as unknown as XmlElement);
    out.push((await within(got, 10_000, `baseline message ${i}`)) - t0);
  }
}

export async function sendToDisplay(progress: (line: string) => void): Promise<BenchResult[]> {
  const stack = await startTestStack();
  const browsers: Browser[] = [];
  const clients: Client[] = [];
  try {
    progress('send-to-display: stack up; opening two browsers');
    // One Chromium, two contexts (two people), as the baseline is one Node process with two clients.
    const chromium = await openContexts(stack.settings.tls.cert, 2);
    browsers.push({ context: chromium.contexts[0]!, close: chromium.close });
    const [pa, pb] = await Promise.all(chromium.contexts.map((c) => c.newPage()));
    await signInTo(pa!, stack, 'dispatcher', 'doctor1');
    await signInTo(pb!, stack, 'doctor1', 'dispatcher');
    const shown = await watchDisplay(pb!);
    progress('send-to-display: both browsers signed in; logging in the Node baseline clients');
    // Baseline: two other staff accounts as bare Node clients, through the same Prosody.
    // (Not Dana's and Amara's own: their browser sessions take carbons of every message.)
    const na = await login(stack.settings, account(stack, 'doctor2'));
    const nb = await login(stack.settings, account(stack, 'nurse'));
    clients.push(na, nb);
    // DESIGN.md trap: send nothing until stream management is enabled.
    for (const c of clients) await smEnabled(c);
    await nb.send(xml('presence'));
    await na.send(xml('presence'));

    const pwa: number[] = [];
    const node: number[] = [];
    for (let start = 0; start < TOTAL; start += ROUND) {
      const count = Math.min(ROUND, TOTAL - start);
      await nodeRound(na, nb, String(nb.jid), start, count, node);
      await browserRound(pa!, shown, start, count, pwa);
      progress(`send-to-display: ${start + count}/${TOTAL} messages each`);
    }
    const rows = (['p50', 'p95'] as const).map((p): BenchResult => {
      const q = p === 'p50' ? 50 : 95;
      const value = percentile(
        [...pwa].sort((x, y) => x - y),
        q,
      );
      const baseline = percentile(
        [...node].sort((x, y) => x - y),
        q,
      );
      return {
        name: 'send-to-display',
        metric: p,
        value,
        unit: 'ms',
        baseline,
        ratio: value / baseline,
        target: 1.5,
        targetKind: 'ratio',
        n: pwa.length,
      };
    });
    return rows;
  } finally {
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    for (const b of browsers) await b.close().catch(() => {});
    await stack.close();
  }
}
