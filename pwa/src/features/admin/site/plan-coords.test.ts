// The site editor's coordinate maths: a click on the plan ↔ x, y of the model.
import { describe, expect, it } from 'vitest';
import { boundsAspect, planBounds, toLatLng, toPlan } from './plan-coords.ts';

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

  it("has the building's shape on the map: a degree of longitude is shorter than one of latitude", () => {
    // At the equator as many degrees east as north are a square; at 60° north, half as wide.
    expect(
      boundsAspect([
        [0, 10],
        [0.001, 10.001],
      ]),
    ).toBeCloseTo(1, 5);
    expect(
      boundsAspect([
        [59.9995, 10],
        [60.0005, 10.002],
      ]),
    ).toBeCloseTo(1, 3);
    // The demo's North wing: 0.0012° high, 0.0028° wide at 52° north.
    expect(
      boundsAspect([
        [52.0022, 4.3612],
        [52.0034, 4.364],
      ]),
    ).toBeCloseTo(1.436, 2);
    expect(
      boundsAspect([
        [1, 1],
        [1, 1],
      ]),
    ).toBe(1);
  });
});
