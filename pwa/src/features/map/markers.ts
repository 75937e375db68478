// The map's markers, kept in step with the rows (people.ts): one Leaflet
// marker per person with a position on the floor in view, updated in place
// (setLatLng, a class change) so 100 updates a second cost little.
import type { SiteModel } from '@bleep/protocol';
import type Leaflet from 'leaflet';
import { positionOf } from '../location/place.ts';
import type { MapPerson } from './people.ts';

const ROLES = ['doctor', 'nurse', 'dispatcher', 'admin'];
const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((w) => w[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();
const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface MarkerDeps {
  readonly L: Pick<typeof Leaflet, 'marker' | 'divIcon'>;
  readonly layer: Leaflet.MarkerClusterGroup;
  readonly onClick: (jid: string, e: Leaflet.LeafletMouseEvent) => void;
}

export class MapMarkers {
  private readonly deps: MarkerDeps;
  private readonly markers = new Map<string, { marker: Leaflet.Marker; look: string }>();

  constructor(deps: MarkerDeps) {
    this.deps = deps;
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
      if (!item) continue;
      const l = item.location;
      // Indoors: only on the floor in view of that building.
      if (l.building && l.floor && floors[l.building] !== l.floor) continue;
      const at = positionOf(l, site);
      if (!at) continue;
      seen.add(entry.jid);
      const role = entry.roles.find((r) => ROLES.includes(r)) ?? 'other';
      const look = `${role}${item.stale ? ' stale' : ''}${selected.has(entry.jid) ? ' selected' : ''}|${entry.name}|${answers.get(entry.jid) ?? ''}`;
      const have = this.markers.get(entry.jid);
      if (have) {
        const ll = have.marker.getLatLng();
        if (ll.lat !== at[0] || ll.lng !== at[1]) have.marker.setLatLng(at);
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
    if (gone.length) this.deps.layer.removeLayers(gone.map(([, m]) => m.marker));
    for (const [jid] of gone) this.markers.delete(jid);
  }

  private icon(jid: string, name: string, look: string): Leaflet.DivIcon {
    const [classes = '', , answer = ''] = look.split('|');
    return this.deps.L.divIcon({
      className: `map-pin ${classes
        .split(' ')
        .map((c, i) => (i === 0 ? `role-${c}` : c))
        .join(' ')}`,
      html:
        `<span data-testid="map-marker" data-jid="${escape(jid)}">${escape(initials(name))}</span>` +
        (answer ? `<em class="answer" data-testid="map-marker-answer">${escape(answer)}</em>` : ''),
      iconSize: [30, 30],
    });
  }
}
