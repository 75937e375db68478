// The map's state, in memory (DESIGN.md: mod_pubsub writing every item
// caps at ~60 publishes/s; the latest location per person is kept here and
// history goes to the store in batches). It tells every subscribed
// dispatcher session what changed: a new item, an item turned stale, or a
// retraction when someone stops sharing.
import type { GeoLocation, LocationItem } from '@bleep/protocol';
import { notification } from './codec.ts';
import type { Element } from '../xmpp/xml.ts';

interface Marker {
  readonly location: GeoLocation;
  readonly receivedAt: number;
  stale: boolean;
}

export interface BoardDeps {
  readonly from: string;
  readonly send: (el: Element) => void;
  readonly staleMs: number;
  readonly retentionMs: number;
}

export class LocationBoard {
  private readonly markers = new Map<string, Marker>();
  private readonly subscribers = new Set<string>();
  private readonly deps: BoardDeps;
  private seq = 0;

  constructor(deps: BoardDeps) {
    this.deps = deps;
  }

  items(only?: ReadonlySet<string>): LocationItem[] {
    return [...this.markers]
      .filter(([jid]) => !only || only.has(jid))
      .map(([jid, m]) => ({ jid, location: m.location, stale: m.stale }));
  }

  /** The latest location of `jid`, unless it has turned stale. */
  fresh(jid: string): GeoLocation | undefined {
    const m = this.markers.get(jid);
    return m && !m.stale ? m.location : undefined;
  }

  has(jid: string): boolean {
    return this.markers.has(jid);
  }

  put(jid: string, location: GeoLocation, now: number): void {
    this.markers.set(jid, { location, receivedAt: now, stale: false });
    this.notify({ jid, location, stale: false });
  }

  /** Takes the marker away; false when there was none. */
  remove(jid: string): boolean {
    if (!this.markers.delete(jid)) return false;
    this.notify({ retract: jid });
    return true;
  }

  /** Marks markers with no update for staleMs stale (and tells); drops those older than the retention. */
  sweep(now: number): void {
    for (const [jid, m] of this.markers) {
      if (m.receivedAt < now - this.deps.retentionMs) this.remove(jid);
      else if (!m.stale && m.receivedAt < now - this.deps.staleMs) {
        m.stale = true;
        this.notify({ jid, location: m.location, stale: true });
      }
    }
  }

  subscribe(fullJid: string): void {
    this.subscribers.add(fullJid);
  }

  /** Ends a subscription (unsubscribe, or the session went away); false when there was none. */
  unsubscribe(fullJid: string): boolean {
    return this.subscribers.delete(fullJid);
  }

  private notify(change: LocationItem | { retract: string }): void {
    for (const to of this.subscribers) this.deps.send(notification(this.deps.from, to, `loc-${++this.seq}`, change));
  }
}
