// Location history, written in batches (one transaction per second or per
// BATCH records, whichever comes first) so that publishing never waits on
// the database, and purged after the retention setting.
import type { Logger } from '../log.ts';
import type { LocationRecord, LocationStore } from '../store/types.ts';

const BATCH = 200;
const FLUSH_MS = 1000;

export class LocationHistory {
  private queue: LocationRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly store: LocationStore;
  private readonly log: Logger;

  constructor(store: LocationStore, log: Logger) {
    this.store = store;
    this.log = log;
  }

  add(record: LocationRecord): void {
    this.queue.push(record);
    if (this.queue.length >= BATCH) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_MS);
  }

  /** Writes what is queued; resolves when it (and every earlier batch) is written. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    this.writing = this.writing.then(async () => {
      if (!batch.length) return;
      // A lost batch is history only (the map is in memory); it is logged by count, never by content.
      await this.store.append(batch).catch((err: Error) => {
        this.log.error({ err: err.message, records: batch.length }, 'location history not written');
      });
    });
    return this.writing;
  }

  async purge(before: number): Promise<void> {
    const purged = await this.store.purge(before);
    if (purged) this.log.info({ purged }, 'location history purged');
  }
}
