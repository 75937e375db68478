// Moving markers inside Leaflet.markercluster without re-clustering per move.
// The cluster group listens to each marker's 'move' and takes it out and puts
// it back at once (a few ms each on this machine), so 100 moves a second cost
// the map its frame rate (bench map-frame). Here a move shows at once (the
// marker's own setLatLng, with the group's 'move' listener off) and the
// markers moved are re-clustered together by flush(), once a second: one
// removeLayers and one addLayers, one pass over the cluster tree for all.
import type Leaflet from 'leaflet';

/** How often the markers moved are re-clustered. */
export const RECLUSTER_MS = 1000;

/** Sets a marker's position without the cluster group hearing of it. */
function place(marker: Leaflet.Marker, at: Leaflet.LatLngExpression): void {
  // The group's handler is the only 'move' listener on these markers (no popup or tooltip is bound);
  // addLayers puts it back.
  marker.off('move');
  marker.setLatLng(at);
}

export class MarkerMoves {
  private readonly layer: Leaflet.MarkerClusterGroup;
  /** Each marker moved since the last flush → where the group clustered it (it looks for it there). */
  private readonly moved = new Map<Leaflet.Marker, Leaflet.LatLng>();

  constructor(layer: Leaflet.MarkerClusterGroup) {
    this.layer = layer;
  }

  /** Moves a marker on the map now; its cluster follows at the next flush. */
  move(marker: Leaflet.Marker, at: Leaflet.LatLngExpression): void {
    if (!this.moved.has(marker)) this.moved.set(marker, marker.getLatLng());
    place(marker, at);
  }

  /** Before the group removes a marker: back where the group has it. */
  forget(marker: Leaflet.Marker): void {
    const was = this.moved.get(marker);
    if (!was) return;
    this.moved.delete(marker);
    place(marker, was);
  }

  /** Re-clusters every marker moved since the last flush, in one batch. */
  flush(): void {
    if (!this.moved.size) return;
    const batch = [...this.moved];
    this.moved.clear();
    const now = batch.map(([m]) => m.getLatLng());
    for (const [m, was] of batch) place(m, was);
    const markers = batch.map(([m]) => m);
    this.layer.removeLayers(markers);
    batch.forEach(([m], i) => place(m, now[i]!));
    this.layer.addLayers(markers);
  }
}
