// The demo hospital issue #9 asks for: two buildings of several floors, each
// plan an image in the repository that the PWA serves (and its service worker
// keeps), so the map works offline; and a model site-edit would accept.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DEMO_SITE } from './demo-site.ts';
import { parseSiteModel } from './site-model.ts';

const served = (path: string) => existsSync(fileURLToPath(new URL(`../../../pwa/public${path}`, import.meta.url)));

it('seeds two buildings of several floors, every plan a file the app serves, as a valid model', () => {
  expect(DEMO_SITE.buildings).toHaveLength(2);
  for (const b of DEMO_SITE.buildings) expect(b.floors.length).toBeGreaterThanOrEqual(2);
  const plans = [DEMO_SITE.campus.plan, ...DEMO_SITE.buildings.flatMap((b) => b.floors.map((f) => f.plan))];
  expect(plans.filter((p) => !served(p))).toEqual([]);
  expect(parseSiteModel(DEMO_SITE)).toEqual({ ok: true, model: DEMO_SITE });
});
