import { describe, expect, it } from 'vitest';
import { clock, peaks } from './waveform.ts';

describe('voice waveform', () => {
  it('takes the peak of each slice, the loudest scaled to 1', () => {
    const s = new Float32Array([0.1, -0.2, 0.05, 0.05, -0.4, 0.2, 0, 0]);
    expect(peaks(s, 4)).toEqual([0.5, 0.13, 1, 0]);
  });

  it('gives flat bars for silence or nothing', () => {
    expect(peaks(new Float32Array(10), 3)).toEqual([0, 0, 0]);
    expect(peaks(new Float32Array(0), 2)).toEqual([0, 0]);
  });

  it('shows durations as m:ss', () => {
    expect(clock(3.4)).toBe('0:03');
    expect(clock(75)).toBe('1:15');
  });
});
