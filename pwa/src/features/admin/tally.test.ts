import { describe, expect, it } from 'vitest';
import { tally } from './tally.ts';

describe('tally', () => {
  it('counts each value once per person, sorted by value', () => {
    expect(tally([['nurse'], ['doctor', 'cardiology', 'doctor'], ['doctor'], []])).toEqual([
      { name: 'cardiology', count: 1 },
      { name: 'doctor', count: 2 },
      { name: 'nurse', count: 1 },
    ]);
  });
});
