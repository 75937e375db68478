// Keeps trying until it works: first after `firstMs`, then twice as long each
// time up to `maxMs`, each delay shifted by up to ±20 % so that the devices of
// a ward do not all come back in step after a server restart; and at once
// when the browser says its network is back ('online').

export interface KeepTrying {
  stop(): void;
}

export function keepTrying(
  /** Resolves true when done (no more tries); false or a rejection means try again later. */
  attempt: () => Promise<boolean>,
  opts: { firstMs?: number; maxMs?: number; random?: () => number; events?: EventTarget } = {},
): KeepTrying {
  const { firstMs = 1_000, maxMs = 30_000, random = Math.random, events = globalThis } = opts;
  let delay = firstMs;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = false;
  let stopped = false;

  const schedule = () => {
    timer = setTimeout(() => void tryNow(), delay * (0.8 + 0.4 * random()));
    delay = Math.min(delay * 2, maxMs);
  };
  const tryNow = async () => {
    clearTimeout(timer);
    if (running || stopped) return;
    running = true;
    const done = await attempt().catch(() => false);
    running = false;
    if (done) stop();
    else if (!stopped) schedule();
  };
  const online = () => {
    delay = firstMs; // a new network: start the backoff afresh
    void tryNow();
  };
  function stop(): void {
    stopped = true;
    clearTimeout(timer);
    events.removeEventListener('online', online);
  }

  events.addEventListener('online', online);
  schedule();
  return { stop };
}
