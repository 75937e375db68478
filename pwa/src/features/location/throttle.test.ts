// The GPS throttle: what a dispatcher sees of someone walking or standing still.
import { describe, expect, it } from 'vitest';
import { worthSending } from './throttle.ts';

// 0.0001° of latitude is about 11 m.
const HERE: [number, number] = [52.001, 4.361];
const sent = { at: 1_000_000, pos: HERE };

describe('GPS throttle', () => {
  it('sends the first fix at once', () => {
    expect(worthSending(undefined, HERE, 0)).toBe(true);
  });

  it('sends a move of 10 m or more at once, and holds a smaller one', () => {
    expect(worthSending(sent, [52.0011, 4.361], sent.at + 1000)).toBe(true); // ~11 m
    expect(worthSending(sent, [52.00105, 4.361], sent.at + 1000)).toBe(false); // ~5.6 m
    expect(worthSending(sent, HERE, sent.at + 29_999)).toBe(false);
  });

  it('sends again after 30 s even without moving', () => {
    expect(worthSending(sent, HERE, sent.at + 30_000)).toBe(true);
    expect(worthSending(sent, [52.00105, 4.361], sent.at + 30_000)).toBe(true);
  });
});
