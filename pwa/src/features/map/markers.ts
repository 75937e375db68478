// The map's markers, kept in step with the rows (people.ts): one Leaflet
// marker per person with a position on the floor in view, updated in place
// (a move through marker-moves.ts, an icon only when its look changes) so
// 100 updates a second cost little.
import type { GeoLocation, LocationItem, SiteModel } from '@bleep/protocol';
import type Leaflet from 'leaflet';
import { positionOf } from '../location/place.ts';
import { MarkerMoves } from './marker-moves.ts';
import type { MapPerson } from './people.ts';

const ROLES = ['doctor', 'nurse', 'dispatcher', 'admin'];
const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A marker's classes: its role's colour (the first role with one), faded when stale, marked when selected. */
export function pinClasses(roles: readonly string[], stale: boolean, selected: boolean): string {
  const role = roles.find((r) => ROLES.includes(r)) ?? 'other';
  return `map-pin role-${role}${stale ? ' stale' : ''}${selected ? ' selected' : ''}`;
}

/** Where a location is drawn: indoors only on the floor in view of its building; undefined when not shown. */
export function drawnAt(
  l: GeoLocation,
  site: SiteModel | undefined,
  floors: Readonly<Record<string, string>>,
): [number, number] | undefined {
  if (l.building && l.floor && floors[l.building] !== l.floor) return undefined;
  return positionOf(l, site);
}

export interface MarkerDeps {
  readonly L: Pick<typeof Leaflet, 'marker' | 'divIcon'>;
  readonly layer: Leaflet.MarkerClusterGroup;
  readonly onClick: (jid: string, e: Leaflet.LeafletMouseEvent) => void;
}

export class MapMarkers {
  private readonly deps: MarkerDeps;
  private readonly markers = new Map<string, { marker: Leaflet.Marker; look: string }>();
  private readonly moves: MarkerMoves;

  constructor(deps: MarkerDeps) {
    this.deps = deps;
    this.moves = new MarkerMoves(deps.layer);
  }

  /**
   * Moves someone's marker to their new item at once, when they are already drawn there (the
   * stream of moves, every animation frame); anything else waits for the next sync.
   */
  move(item: LocationItem, site: SiteModel | undefined, floors: Readonly<Record<string, string>>): void {
    const have = this.markers.get(item.jid);
    const at = have && drawnAt(item.location, site, floors);
    if (have && at) this.moveTo(have.marker, at);
  }

  /** Re-clusters the markers moved since the last call (marker-moves.ts). */
  recluster(): void {
    this.moves.flush();
  }

  private moveTo(marker: Leaflet.Marker, at: [number, number]): void {
    const ll = marker.getLatLng();
    if (ll.lat !== at[0] || ll.lng !== at[1]) this.moves.move(marker, at);
  }

  /** Draws `people` on the floors chosen (building id → floor id); removes everyone else. */
  sync(
    people: readonly MapPerson[],
    site: SiteModel | undefined,
    floors: Readonly<Record<string, string>>,
    selected: ReadonlySet<string>,
    answers: ReadonlyMap<string, string> = new Map(),
  ): void {
    const seen = new Set<string>();
    const added: Leaflet.Marker[] = [];
    for (const { entry, item } of people) {
      const at = item && drawnAt(item.location, site, floors);
      if (!item || !at) continue;
      seen.add(entry.jid);
      const look = `${pinClasses(entry.roles, item.stale, selected.has(entry.jid))}|${entry.name}|${answers.get(entry.jid) ?? ''}`;
      const have = this.markers.get(entry.jid);
      if (have) {
        this.moveTo(have.marker, at);
        if (have.look !== look) {
          have.marker.setIcon(this.icon(entry.jid, entry.name, look));
          have.look = look;
        }
        continue;
      }
      const marker = this.deps.L.marker(at, { icon: this.icon(entry.jid, entry.name, look), title: entry.name });
      marker.on('click', (e) => this.deps.onClick(entry.jid, e));
      this.markers.set(entry.jid, { marker, look });
      added.push(marker);
    }
    if (added.length) this.deps.layer.addLayers(added);
    const gone = [...this.markers].filter(([jid]) => !seen.has(jid));
    for (const [, m] of gone) this.moves.forget(m.marker);
    if (gone.length) this.deps.layer.removeLayers(gone.map(([, m]) => m.marker));
    for (const [jid] of gone) this.markers.delete(jid);
  }

  private icon(jid: string, name: string, look: string): Leaflet.DivIcon {
    const [classes = '', , answer = ''] = look.split('|');
    return this.deps.L.divIcon({
      className: classes,
      html:
        `<span data-testid="map-marker" data-jid="${escape(jid)}">${escape(initials(name))}</span>` +
        (answer ? `<em class="answer" data-testid="map-marker-answer">${escape(answer)}</em>` : ''),
      iconSize: [30, 30],
    });
  }
}
