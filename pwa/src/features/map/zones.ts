// The zones of the floors in view on the dispatcher's map (issue #13 part 3):
// each a named outline, its corners placed on the building's bounds as rooms
// are (place.ts). Drawn below the people and incidents, never clickable.
import type { SiteModel } from '@bleep/protocol';
import type Leaflet from 'leaflet';
import { roomLatLon } from '../location/place.ts';

/** The map pane zones are drawn in: above the plans (overlayPane, 400), below the markers (600). */
export const ZONE_PANE = 'zones';

export interface MapZone {
  readonly id: string;
  readonly name: string;
  readonly outline: [number, number][];
}

/** The zones of each building's floor in view (building id → floor id). */
export function zonesInView(site: SiteModel | undefined, floors: Readonly<Record<string, string>>): MapZone[] {
  return (site?.buildings ?? []).flatMap((b) =>
    (b.floors.find((f) => f.id === floors[b.id])?.zones ?? []).map((z) => ({
      id: `${b.id}/${z.id}`,
      name: z.name,
      outline: z.points.map(([x, y]) => roomLatLon(b, x, y)),
    })),
  );
}

export function drawZones(
  L: Pick<typeof Leaflet, 'polygon'>,
  layer: Leaflet.LayerGroup,
  zones: readonly MapZone[],
): void {
  layer.clearLayers();
  for (const z of zones)
    L.polygon(z.outline, { pane: ZONE_PANE, color: '#8a3fbf', weight: 2, fillOpacity: 0.08, interactive: false })
      .bindTooltip(z.name, { permanent: true, direction: 'center', className: 'map-zone' })
      .addTo(layer);
}
