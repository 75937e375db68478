import { describe, expect, it } from 'vitest';
import { RateLimit } from './rate-limit.ts';
import { BleepError } from './xmpp/errors.ts';

describe('rate limit', () => {
  it('lets a burst through, then refuses saying the limit and the wait, per key', () => {
    let now = 0;
    const limit = new RateLimit({ count: 3, windowMs: 60_000, verb: 'send', what: 'role messages' }, () => now);
    for (let i = 0; i < 3; i++) limit.take('a');
    const err = (() => {
      try {
        limit.take('a');
      } catch (e) {
        return e as BleepError;
      }
    })();
    expect(err?.key).toBe('rate-limited');
    expect(err?.message).toBe('You may send at most 3 role messages per 60 s. Try again in 20 s.');
    limit.take('b'); // another sender is not touched
    now += 20_000;
    limit.take('a');
    expect(() => limit.take('a')).toThrow(/Try again in 20 s/);
  });
});
