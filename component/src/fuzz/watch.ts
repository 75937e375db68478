// One 'stanza' listener per client that many waits share (the test client
// cannot remove listeners, and a fuzz run waits on thousands of replies).
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';

type Waiter = { match: (el: XmlElement) => boolean; done: (el: XmlElement | undefined) => void };

export class Watch {
  private waiters: Waiter[] = [];
  /** Every stanza seen, to any listener: `seen(el)` runs first. */
  constructor(client: Client, seen: (el: XmlElement) => void = () => {}) {
    client.on('stanza', ((el: XmlElement) => {
      seen(el);
      const hit = this.waiters.filter((w) => w.match(el));
      if (!hit.length) return;
      this.waiters = this.waiters.filter((w) => !hit.includes(w));
      for (const w of hit) w.done(el);
    }) as never);
  }

  /** The first stanza that matches, or undefined after `ms`. */
  next(match: (el: XmlElement) => boolean, ms: number): Promise<XmlElement | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(undefined);
      }, ms);
      const waiter: Waiter = { match, done: (el) => (clearTimeout(timer), resolve(el)) };
      this.waiters.push(waiter);
    });
  }

  /** Sends an IQ and waits for its result or error (undefined after `ms`). */
  async request(client: Client, iq: XmlElement, ms = 10_000): Promise<XmlElement | undefined> {
    const id = (iq.attrs.id ??= `w${Math.random().toString(36).slice(2)}`);
    const reply = this.next(
      (el) => el.name === 'iq' && el.attrs.id === id && ['result', 'error'].includes(el.attrs.type!),
      ms,
    );
    await client.send(iq);
    return reply;
  }
}
