// The location service's domain: checks a location against the site model,
// puts it on the board (memory, notifies dispatchers), appends it to the
// history, and runs the sweep that marks stale markers and purges history.
import type { GeoLocation, SiteModel } from '@bleep/protocol';
import type { Logger } from '../log.ts';
import type { SiteStore } from '../store/types.ts';
import type { Element } from '../xmpp/xml.ts';
import type { LocationBoard } from './board.ts';
import { itemsResult } from './codec.ts';
import { DEMO_SITE } from './demo-site.ts';
import type { LocationHistory } from './history.ts';
import { checkLocation } from './validate.ts';

/** How often the sweep runs at most: a quarter of the stale time, so a marker turns stale within 25 % of it. */
const MAX_SWEEP_MS = 15_000;
const PURGE_EVERY_MS = 60_000;

export interface LocationsDeps {
  readonly board: LocationBoard;
  readonly history: LocationHistory;
  readonly site: SiteStore;
  readonly staleMs: number;
  readonly retentionMs: number;
  readonly log: Logger;
  readonly now?: () => number;
}

export class Locations {
  private readonly deps: LocationsDeps;
  private readonly now: () => number;
  private model: SiteModel | undefined;
  private sweeper: NodeJS.Timeout | undefined;
  private lastPurge = 0;

  constructor(deps: LocationsDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** Loads the site model, storing the demo hospital when there is none yet. */
  async loadSite(): Promise<SiteModel> {
    let model = await this.deps.site.get();
    if (!model) {
      model = DEMO_SITE;
      await this.deps.site.save(model, {
        id: 'demo-site',
        at: new Date(this.now()).toISOString(),
        actor: 'bleep',
        action: 'site-seed',
      });
    }
    return (this.model = model);
  }

  async site(): Promise<SiteModel> {
    return this.model ?? this.loadSite();
  }

  setSite(model: SiteModel): void {
    this.model = model;
  }

  async publish(jid: string, location: GeoLocation): Promise<void> {
    const now = this.now();
    checkLocation(location, await this.site(), now);
    this.deps.board.put(jid, location, now);
    this.deps.history.add({ jid, receivedAt: now, location });
  }

  /** Stops sharing: the marker goes (dispatchers see it retracted) and the history notes it. */
  async stop(jid: string): Promise<void> {
    if (this.deps.board.remove(jid)) this.deps.history.add({ jid, receivedAt: this.now(), location: null });
  }

  itemsResult(only?: ReadonlySet<string>): Element {
    return itemsResult(this.deps.board.items(only));
  }

  subscribe(fullJid: string): void {
    this.deps.board.subscribe(fullJid);
  }

  unsubscribe(fullJid: string): boolean {
    return this.deps.board.unsubscribe(fullJid);
  }

  startSweeping(): void {
    const every = Math.min(MAX_SWEEP_MS, this.deps.staleMs / 4, this.deps.retentionMs / 4);
    this.sweeper = setInterval(() => void this.sweep(), Math.max(50, every));
    this.sweeper.unref();
  }

  async sweep(): Promise<void> {
    const now = this.now();
    this.deps.board.sweep(now);
    if (now - this.lastPurge < Math.min(PURGE_EVERY_MS, this.deps.retentionMs / 4)) return;
    this.lastPurge = now;
    await this.deps.history
      .purge(now - this.deps.retentionMs)
      .catch((err: Error) => this.deps.log.warn({ err: err.message }, 'location history purge failed; will retry'));
  }

  async stopSweeping(): Promise<void> {
    clearInterval(this.sweeper);
    await this.deps.history.flush();
  }
}
