// Zones on the dispatcher's map: only the floor in view, at their place on the building.
import type { SiteModel } from '@bleep/protocol';
import { expect, it } from 'vitest';
import { zonesInView } from './zones.ts';

const floor = (id: string, zones?: SiteModel['buildings'][number]['floors'][number]['zones']) => ({
  id,
  name: id,
  plan: '/site/north-0.svg',
  rooms: [],
  ...(zones ? { zones } : {}),
});
const SITE: SiteModel = {
  campus: {
    name: 'C',
    plan: '/site/campus.svg',
    bounds: [
      [52, 4],
      [53, 5],
    ],
  },
  buildings: [
    {
      id: 'north',
      name: 'North',
      bounds: [
        [52, 4],
        [52.1, 4.2],
      ],
      floors: [
        floor('n0', [
          {
            id: 'ward',
            name: 'Ward',
            points: [
              [0, 0],
              [0.5, 0],
              [0.5, 1],
            ],
          },
        ]),
        floor('n1'),
      ],
    },
  ],
};

it('outlines the zones of the floor in view on its building, and none of other floors', () => {
  expect(zonesInView(SITE, { north: 'n0' })).toEqual([
    {
      id: 'north/ward',
      name: 'Ward',
      outline: [
        [52, 4],
        [52, 4.1],
        [52.1, 4.1],
      ],
    },
  ]);
  // A floor without zones (a model from before them), and no model yet.
  expect(zonesInView(SITE, { north: 'n1' })).toEqual([]);
  expect(zonesInView(undefined, {})).toEqual([]);
});
