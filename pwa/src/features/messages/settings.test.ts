// The one rule for how long a written message may wait and still go without
// asking (chat messages in outgoing.ts, role messages in roles.store.ts).
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_AGE_MS, waitedFor, waitedTooLong } from './settings.ts';

const NOW = Date.parse('2026-11-24T10:00:00Z');
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const MIN = 60_000;

describe('how long a message may wait', () => {
  it('goes by itself up to the age set, and asks past it; a message of unknown age asks', () => {
    expect(waitedTooLong(ago(DEFAULT_MAX_AGE_MS), DEFAULT_MAX_AGE_MS, NOW)).toBe(false);
    expect(waitedTooLong(ago(DEFAULT_MAX_AGE_MS + 1), DEFAULT_MAX_AGE_MS, NOW)).toBe(true);
    expect(waitedTooLong(ago(20 * MIN), 15 * MIN, NOW)).toBe(true);
    expect(waitedTooLong(undefined, DEFAULT_MAX_AGE_MS, NOW)).toBe(true);
  });

  it('says its age in words', () => {
    expect([30_000, 40 * MIN, 61 * MIN, 3 * 60 * MIN, 49 * 60 * MIN].map((ms) => waitedFor(ago(ms), NOW))).toEqual([
      '1 minute',
      '40 minutes',
      '1 hour',
      '3 hours',
      '2 days',
    ]);
    expect(waitedFor(undefined, NOW)).toBe('an unknown time');
  });
});
