// What send-to-display measures in a page, whichever client runs in it: the
// sender stamps Send, the receiver stamps the first mutation that puts the text
// into a message body, both with performance.timeOrigin + performance.now()
// (one machine clock), so neither Playwright nor the call that paces the run is
// in the figure.
import type { Page } from 'playwright-core';

/** Puts `text` in the page's composer and presses Send; resolves with the time taken just before Send. */
export type Send = (page: Page, text: string) => Promise<number>;
/** Resolves with the time `text` was first in a message body of the receiving page. */
export type Shown = (text: string) => Promise<number>;

/** Waits for `p`, failing with a clear message rather than hanging the run. */
export function within<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)),
  );
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Records when each "bench-…" text is first inside an element matching
 * `bodySelector` and tells the bench through a binding, after taking the time:
 * polling the page over CDP every few milliseconds would load the very machine
 * being measured. Added text nodes count as well as added elements, because a
 * Lit view (Converse) fills a body element after inserting it.
 */
export async function watchDisplay(page: Page, bodySelector: string): Promise<Shown> {
  const waiting = new Map<string, (at: number) => void>();
  const seen = new Map<string, number>();
  await page.exposeFunction('__benchSeen', (text: string, at: number) => {
    seen.set(text, at);
    waiting.get(text)?.(at);
  });
  await page.evaluate((selector) => {
    const done = new Set<string>();
    const tell = (window as unknown as { __benchSeen: (t: string, at: number) => void }).__benchSeen;
    // Only the nodes each mutation adds: scanning the whole list would slow the page being measured.
    new MutationObserver((records) => {
      const at = performance.timeOrigin + performance.now();
      for (const r of records)
        for (const n of r.addedNodes) {
          const bodies =
            n instanceof Element
              ? [n.closest(selector), ...n.querySelectorAll(selector)]
              : [n.parentElement?.closest(selector)];
          for (const el of bodies) {
            const t = el?.textContent?.trim() ?? '';
            if (t.startsWith('bench-') && !done.has(t)) {
              done.add(t);
              tell(t, at);
            }
          }
        }
    }).observe(document.body, { childList: true, subtree: true });
  }, bodySelector);
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

/** One pair of pages: who sends, how, and how the other page's display is seen. */
export interface PagePair {
  readonly from: Page;
  readonly send: Send;
  readonly shown: Shown;
}

/** Sends `bench-<tag>-<i>` for i in [start, start + count), one at a time; pushes each send → display time. */
export async function pageRound(pair: PagePair, tag: string, start: number, count: number, out: number[]) {
  for (let i = start; i < start + count; i++) {
    const text = `bench-${tag}-${i}`;
    const displayed = pair.shown(text);
    const sentAt = await pair.send(pair.from, text);
    out.push((await displayed) - sentAt);
  }
}
