// Main-thread CPU time of each page over a stretch of work, from a Chromium
// performance trace (CDP Tracing through Playwright). Thread time (`tdur`), not
// wall time, so other processes on a loaded machine count less. Each page
// marks its own window with console.timeStamp, which also tells which renderer
// process is which page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string; data?: { message?: string } };
}

/** CPU ms of the page's main thread in its window, by kind. */
export interface MainThreadTime {
  total: number;
  style: number;
  layout: number;
  paint: number;
  /** total - style - layout - paint: script, IPC, GC, … */
  other: number;
}

const KIND: Record<string, keyof MainThreadTime> = {
  RunTask: 'total',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'paint',
  Paint: 'paint',
  Layerize: 'paint',
  Commit: 'paint',
};

/** Traces the browser while `work(mark)` runs; `mark(page, 'start' | 'end')` bounds each page's window. */
export async function traceMainThreads(
  browser: Browser,
  pages: readonly Page[],
  work: (mark: (page: Page, edge: 'start' | 'end') => Promise<void>) => Promise<void>,
): Promise<MainThreadTime[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bleep-trace-'));
  const path = join(dir, 'trace.json');
  try {
    await browser.startTracing(undefined, {
      path,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', '__metadata'],
    });
    await work((page, edge) =>
      page.evaluate(
        // In the page: a TimeStamp event on that renderer's main thread.
        // eslint-disable-next-line no-console
        (m) => console.timeStamp(m),
        `bench-window-${pages.indexOf(page)}-${edge}`,
      ),
    );
    await browser.stopTracing();
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as { traceEvents: TraceEvent[] } | TraceEvent[];
    const events = Array.isArray(parsed) ? parsed : parsed.traceEvents;
    const mainThread = new Map<number, number>();
    const marks = new Map<string, TraceEvent>();
    for (const e of events) {
      if (e.name === 'thread_name' && e.args?.name === 'CrRendererMain') mainThread.set(e.pid, e.tid);
      const m = e.args?.data?.message;
      if (e.name === 'TimeStamp' && m?.startsWith('bench-window-')) marks.set(m, e);
    }
    return pages.map((_, i) => {
      const start = marks.get(`bench-window-${i}-start`)!;
      const end = marks.get(`bench-window-${i}-end`)!;
      const t: MainThreadTime = { total: 0, style: 0, layout: 0, paint: 0, other: 0 };
      for (const e of events) {
        const kind = KIND[e.name];
        if (!kind || e.ph !== 'X' || e.pid !== start.pid || e.tid !== mainThread.get(e.pid)) continue;
        if (e.ts >= start.ts && e.ts <= end.ts) t[kind] += (e.tdur ?? e.dur ?? 0) / 1000;
      }
      t.other = t.total - t.style - t.layout - t.paint;
      return t;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
