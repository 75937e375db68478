// For the latency-breakdown scripts: an init script that stamps, in the page's
// own clock, when a frame carrying a "bench-…"/"floor-…" key leaves on a
// WebSocket, when one arrives, and when its text is first in a message body
// (the same rule as display.ts). Not for `npm run bench`: wrapping the
// WebSocket is work the benchmark must not add.
import type { Page } from 'playwright-core';

export interface Stamps {
  send: Record<string, number>;
  recv: Record<string, number>;
  shown: Record<string, number>;
}
export type Stamped = Window & { __t: Stamps; __sockets: WebSocket[]; WebSocket: typeof WebSocket };

/** Runs in each page before the app (context.addInitScript(stampFrames, bodySelector)). */
export function stampFrames(bodySelector: string): void {
  const w = window as unknown as Stamped;
  const now = () => performance.timeOrigin + performance.now();
  const key = (s: unknown) => (typeof s === 'string' ? /(bench|floor)-(?:[a-z]+-)?\d+/.exec(s)?.[0] : undefined);
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
        const bodies =
          n instanceof Element
            ? [n.closest(bodySelector), ...n.querySelectorAll(bodySelector)]
            : [n.parentElement?.closest(bodySelector)];
        for (const el of bodies) {
          const k = key(el?.textContent?.trim());
          if (k && !(k in w.__t.shown)) w.__t.shown[k] = at;
        }
      }
  }).observe(document, { childList: true, subtree: true });
}

export const stamps = (p: Page): Promise<Stamps> => p.evaluate(() => (window as unknown as Stamped).__t);

/** "p50 / p95" of the figures, in ms. */
export function p50p95(xs: number[]): string {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))]!.toFixed(2);
  return `${at(0.5)} / ${at(0.95)}`;
}
