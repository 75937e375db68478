// This device's keys announced on the account (XEP-0384 §4.2-4.3, devices.ts)
// on every new stream, and again on a resumed one (XEP-0198) while no announce
// of this sign-in has gone through. A resumed stream is not a new stream: an
// announce that a network drop cut off (its IQs timed out while the device was
// offline) was never tried again, and every encrypted message stayed held
// ("keys not published") until the next new stream, or for good once it had
// waited too long ('Send now' after a drop never reached the colleague).

/** One announce: true once it went through. */
export type Attempt = () => Promise<boolean>;

export class Announcing {
  private readonly attempt: Attempt;
  private done = false;
  private running: Promise<void> | null = null;
  /** The link came back (or was replaced) during an attempt: if that one fails, try once more. */
  private again = false;

  constructor(attempt: Attempt) {
    this.attempt = attempt;
  }

  /** A new stream: announce (the list may have lost this device meanwhile). */
  newStream(): Promise<void> {
    return this.start();
  }

  /** A resumed stream: announce only if nothing of this sign-in went through yet. */
  resumed(): Promise<void> {
    return this.done ? Promise.resolve() : this.start();
  }

  private start(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.run().finally(() => (this.running = null));
    return this.running;
  }

  private async run(): Promise<void> {
    do {
      this.again = false;
      if (await this.attempt().catch(() => false)) {
        this.done = true;
        return;
      }
    } while (this.again);
  }
}
