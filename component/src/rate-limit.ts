// Per-sender rate limits (role messages, command sessions): a token bucket
// holding `count` tokens that refills one every windowMs / count, so a burst
// of `count` passes and the steady rate is `count` per window. A refusal
// says which limit and how long to wait.
import { BleepError } from './xmpp/errors.ts';

export interface Limit {
  readonly count: number;
  readonly windowMs: number;
  /** What is counted, as in "You may <verb> at most 10 <what> per 60 s": "send", "role messages". */
  readonly verb: string;
  readonly what: string;
}

const MAX_KEYS = 10_000;

export class RateLimit {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  readonly limit: Limit;
  private readonly now: () => number;

  constructor(limit: Limit, now: () => number = Date.now) {
    this.limit = limit;
    this.now = now;
  }

  /** Takes one token for `key`, or throws 'rate-limited' saying the limit and when to try again. */
  take(key: string): void {
    const { count, windowMs, verb, what } = this.limit;
    const every = windowMs / count;
    const now = this.now();
    const b = this.buckets.get(key) ?? { tokens: count, at: now };
    b.tokens = Math.min(count, b.tokens + (now - b.at) / every);
    b.at = now;
    if (b.tokens < 1) {
      const wait = Math.ceil(((1 - b.tokens) * every) / 1000);
      throw new BleepError(
        'rate-limited',
        `You may ${verb} at most ${count} ${what} per ${windowMs / 1000} s. Try again in ${wait} s.`,
      );
    }
    b.tokens -= 1;
    this.buckets.set(key, b);
    if (this.buckets.size > MAX_KEYS) this.prune(now);
  }

  /** Forgets full buckets: they would let a full burst through anyway. */
  private prune(now: number): void {
    const every = this.limit.windowMs / this.limit.count;
    for (const [k, b] of this.buckets) if (b.tokens + (now - b.at) / every >= this.limit.count) this.buckets.delete(k);
  }
}
