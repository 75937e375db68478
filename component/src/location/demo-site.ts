// The demo hospital: two buildings, five floors, their plans in
// pwa/public/site/ (drawn for the demo; a hospital replaces the model with
// site-edit and its own plans). Stored at the first start when no model is.
import type { SiteModel } from '@bleep/protocol';

const rooms = (prefix: string, names: readonly string[]) =>
  names.map((name, i) => ({
    id: `${prefix}-${i + 1}`,
    name,
    // Rooms along the plan's corridor: two rows, evenly spaced (the SVG plans draw them at these spots).
    x: 0.1 + (Math.floor(i / 2) * 0.8) / Math.max(1, Math.ceil(names.length / 2) - 1),
    y: i % 2 === 0 ? 0.75 : 0.25,
  }));

export const DEMO_SITE: SiteModel = {
  campus: {
    name: 'Bleep General Hospital',
    plan: '/site/campus.svg',
    bounds: [
      [52.0, 4.36],
      [52.004, 4.367],
    ],
  },
  buildings: [
    {
      id: 'north',
      name: 'North wing',
      bounds: [
        [52.0022, 4.3612],
        [52.0034, 4.364],
      ],
      floors: [
        {
          id: 'n0',
          name: 'Ground floor',
          plan: '/site/north-0.svg',
          rooms: rooms('n0', ['Emergency', 'Triage', 'Resus 1', 'Resus 2', 'Radiology', 'Pharmacy']),
        },
        {
          id: 'n1',
          name: 'Floor 1',
          plan: '/site/north-1.svg',
          rooms: rooms('n1', ['Ward 1A', 'Ward 1B', 'ICU', 'Nurses station', 'Theatre 1', 'Theatre 2']),
        },
        {
          id: 'n2',
          name: 'Floor 2',
          plan: '/site/north-2.svg',
          rooms: rooms('n2', ['Ward 2A', 'Ward 2B', 'Cardiology', 'Day unit']),
        },
      ],
    },
    {
      id: 'south',
      name: 'South wing',
      bounds: [
        [52.0006, 4.363],
        [52.0016, 4.3658],
      ],
      floors: [
        {
          id: 's0',
          name: 'Ground floor',
          plan: '/site/south-0.svg',
          rooms: rooms('s0', ['Outpatients', 'Maternity', 'Paediatrics', 'Laboratory']),
        },
        {
          id: 's1',
          name: 'Floor 1',
          plan: '/site/south-1.svg',
          rooms: rooms('s1', ['Ward 3A', 'Ward 3B', 'Dialysis', 'Staff room']),
        },
      ],
    },
  ],
};
