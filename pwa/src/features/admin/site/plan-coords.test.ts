// The site editor's coordinate maths: a click on the plan ↔ x, y of the model.
import { describe, expect, it } from 'vitest';
import { aspectOf, planBounds, toLatLng, toPlan } from './plan-coords.ts';

describe('plan coordinates', () => {
  it('measures x from the west and y from the south edge, whatever the shape of the plan', () => {
    // A plan twice as wide as high: its east edge is at lng 2.
    expect(planBounds(2)).toEqual([
      [0, 0],
      [1, 2],
    ]);
    expect(toPlan(0, 0, 2)).toEqual([0, 0]); // the south-west corner
    expect(toPlan(1, 2, 2)).toEqual([1, 1]); // the north-east corner
    expect(toPlan(0.2, 0.5, 2)).toEqual([0.25, 0.2]); // a quarter east, a fifth north
  });

  it('holds a click beyond the plan to its edge and rounds to 4 decimals', () => {
    expect(toPlan(-0.3, 2.5, 2)).toEqual([1, 0]);
    expect(toPlan(1 / 3, 1 / 3, 1)).toEqual([0.3333, 0.3333]);
  });

  it('draws a point where a click on it was', () => {
    for (const aspect of [0.5, 1, 1.6]) {
      const at = toLatLng([0.25, 0.8], aspect);
      expect(toPlan(at[0], at[1], aspect)).toEqual([0.25, 0.8]);
    }
  });

  it('takes a square plan when the image has no size', () => {
    expect(aspectOf(1600, 800)).toBe(2);
    expect(aspectOf(0, 0)).toBe(1);
  });
});
