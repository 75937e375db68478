// What site-edit accepts (issue #13 part 3): zones on a floor, uploaded floor
// plans, and models from before zones still loading.
import type { SiteModel } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { DEMO_SITE } from './demo-site.ts';
import { parseSiteModel } from './site-model.ts';

type Floor = SiteModel['buildings'][number]['floors'][number];
const withFloor = (change: (f: Floor) => object): unknown => ({
  ...DEMO_SITE,
  buildings: DEMO_SITE.buildings.map((b, i) =>
    i === 0 ? { ...b, floors: b.floors.map((f, j) => (j === 0 ? change(f) : f)) } : b,
  ),
});
const problems = (m: unknown) => {
  const r = parseSiteModel(m);
  return r.ok ? [] : r.problems;
};
const ward = {
  id: 'ward-a',
  name: 'Ward A',
  points: [
    [0.1, 0.1],
    [0.4, 0.1],
    [0.4, 0.5],
    [0.1, 0.5],
  ],
};

describe('zones', () => {
  it('loads a model without zones (stored before zones existed) unchanged', () => {
    expect(DEMO_SITE.buildings[0]!.floors[0]!.zones).toBeUndefined();
    expect(parseSiteModel(DEMO_SITE)).toEqual({ ok: true, model: DEMO_SITE });
  });

  it('accepts a named polygon in plan coordinates and keeps it', () => {
    const m = withFloor((f) => ({ ...f, zones: [ward] }));
    const r = parseSiteModel(m);
    expect(r.ok && r.model.buildings[0]!.floors[0]!.zones).toEqual([ward]);
  });

  it('refuses a zone of fewer than 3 points, one on a line, one off the plan, and two of one id', () => {
    expect(
      problems(
        withFloor((f) => ({
          ...f,
          zones: [
            {
              ...ward,
              points: [
                [0, 0],
                [1, 1],
              ],
            },
          ],
        })),
      ),
    ).toEqual(['buildings.0.floors.0.zones.0.points: a zone needs at least 3 points']);
    const line = {
      ...ward,
      points: [
        [0, 0],
        [0.5, 0.5],
        [1, 1],
      ],
    };
    expect(problems(withFloor((f) => ({ ...f, zones: [line] })))).toEqual([
      'buildings.0.floors.0.zones.0.points: a zone must enclose an area',
    ]);
    const off = {
      ...ward,
      points: [
        [0, 0],
        [1.2, 0],
        [1, 1],
      ],
    };
    expect(problems(withFloor((f) => ({ ...f, zones: [off] })))[0]).toMatch(
      /^buildings\.0\.floors\.0\.zones\.0\.points\.1\.0: /,
    );
    expect(problems(withFloor((f) => ({ ...f, zones: [ward, ward] })))).toEqual([
      'model: two zones on north/n0 with the id "ward-a"',
    ]);
    expect(problems(withFloor((f) => ({ ...f, zones: [{ ...ward, name: ' ' }] })))[0]).toMatch(/zones\.0\.name/);
  });
});

describe('floor plans', () => {
  const plan = (p: string) => problems(withFloor((f) => ({ ...f, plan: p })));

  it("accepts the app's own plans and an uploaded one by its same-origin path", () => {
    expect(plan('/site/north-0.svg')).toEqual([]);
    expect(plan('/site_plans/0d6b1b3c-5f4e-4a8e-9a77-1c1b2d3e4f50/plan-n0.png')).toEqual([]);
    expect(plan('/site_plans/0d6b1b3c-5f4e-4a8e-9a77-1c1b2d3e4f50/plan-n0.jpeg')).toEqual([]);
  });

  it('refuses another host, a way out of the folder, and what is not an image', () => {
    const why =
      'buildings.0.floors.0.plan: must be an image under /site/ (.svg or .png) or an uploaded one under /site_plans/';
    expect(plan('https://evil.example/plan.png')).toEqual([why]);
    expect(plan('/site_plans/../secret/plan.png')).toEqual([why]);
    expect(plan('/site_plans/abc/plan.html')).toEqual([why]);
    expect(plan('javascript:alert(1)')).toEqual([why]);
  });
});
