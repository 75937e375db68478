// The incident layer of the dispatcher's map (issue #10, part 5): one marker
// per open incident at its place, in its preset's colour, above the people
// (never clustered with them); a click opens the incident room.
import type { SiteModel } from '@bleep/protocol';
import type Leaflet from 'leaflet';
import type { MapIncident } from './incidents.ts';
import { drawnAt, escape } from './markers.ts';

export interface IncidentMarkerDeps {
  readonly L: Pick<typeof Leaflet, 'marker' | 'divIcon'>;
  readonly layer: Leaflet.LayerGroup;
  readonly onClick: (incident: MapIncident) => void;
}

export function drawIncidents(
  deps: IncidentMarkerDeps,
  incidents: readonly MapIncident[],
  site: SiteModel | undefined,
  floors: Readonly<Record<string, string>>,
): void {
  const { L, layer } = deps;
  layer.clearLayers();
  for (const i of incidents) {
    const at = drawnAt(i.position, site, floors);
    if (!at) continue;
    const html =
      `<div class="map-incident" style="background:${escape(i.colour)}" data-testid="map-incident" ` +
      `data-incident="${escape(i.id)}" title="${escape(i.name)}">!</div>`;
    const icon = L.divIcon({ html, className: '', iconSize: [30, 30], iconAnchor: [15, 15] });
    L.marker(at, { icon, zIndexOffset: 1000, title: i.name, alt: i.name })
      .on('click', () => deps.onClick(i))
      .addTo(layer);
  }
}
