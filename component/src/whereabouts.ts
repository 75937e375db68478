// Where a person is sharing their location right now, as the location
// service's board holds it (memory only: DESIGN.md keeps the latest location
// out of storage). The alarms service asks it for the trigger's position, so
// an incident lands on the dispatcher's map where it was raised.
import type { GeoLocation } from '@bleep/protocol';

export class Whereabouts {
  private source: (bare: string) => GeoLocation | undefined = () => undefined;

  /** The location service plugs its board in. */
  provide(source: (bare: string) => GeoLocation | undefined): void {
    this.source = source;
  }

  /** The fresh shared location of `bare`, if any (a stale or stopped one is no position). */
  of(bare: string): GeoLocation | undefined {
    return this.source(bare);
  }
}
