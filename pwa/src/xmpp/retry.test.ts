import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { keepTrying } from './retry.ts';

beforeEach(() => void vi.useFakeTimers());
afterEach(() => void vi.useRealTimers());

/** An attempt that fails `failures` times, then works; records when it ran (fake ms). */
function flaky(failures: number) {
  const at: number[] = [];
  const attempt = async () => {
    at.push(Date.now());
    return at.length > failures;
  };
  return { at, attempt };
}

describe('keepTrying', () => {
  it('tries after 1 s, then waits twice as long each time, up to 30 s, until it works', async () => {
    const t0 = Date.now();
    const { at, attempt } = flaky(7);
    keepTrying(attempt, { random: () => 0.5, events: new EventTarget() });
    await vi.advanceTimersByTimeAsync(200_000);
    expect(at.map((t) => t - t0)).toEqual([1_000, 3_000, 7_000, 15_000, 31_000, 61_000, 91_000, 121_000]);
  });

  it('spreads the delays by up to 20 % either way', async () => {
    const t0 = Date.now();
    const { at, attempt } = flaky(1);
    keepTrying(attempt, { random: () => 0, events: new EventTarget() });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(at.map((t) => t - t0)).toEqual([800, 800 + 1_600]);
  });

  it('tries at once when the network comes back, and starts the backoff afresh', async () => {
    const events = new EventTarget();
    const t0 = Date.now();
    const { at, attempt } = flaky(3);
    keepTrying(attempt, { random: () => 0.5, events });
    await vi.advanceTimersByTimeAsync(3_500); // tries at 1 s and 3 s; the next would be at 7 s
    events.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(at.map((t) => t - t0)).toEqual([1_000, 3_000, 3_500, 4_500]);
  });

  it('counts a rejected attempt as a failure, and tries nothing more once stopped', async () => {
    const events = new EventTarget();
    let tries = 0;
    const retry = keepTrying(
      async () => {
        tries++;
        throw new Error('unreachable');
      },
      { random: () => 0.5, events },
    );
    await vi.advanceTimersByTimeAsync(3_000);
    expect(tries).toBe(2);
    retry.stop();
    events.dispatchEvent(new Event('online'));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(tries).toBe(2);
  });
});
