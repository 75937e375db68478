// Messages between the IndexedDB outbox and the server's acknowledgement
// (XEP-0198), for 1:1 chats and rooms alike: each is sent once per stream,
// and leaves the outbox only when acknowledged, after the write that stored it
// (removing first would let the entry come back).
import type { XmlElement } from '@xmpp/client';
import { NS_SID } from '@bleep/protocol';
import type { Outbox, Pending } from './outbox.ts';

export class Sending {
  /** Sent on the current stream and not acknowledged yet; SM resends them on resume. */
  private readonly inFlight = new Set<string>();
  /** Outbox writes still under way, by id. */
  private readonly puts = new Map<string, Promise<void>>();
  private readonly outbox: () => Promise<Outbox | null>;

  /** `outbox` resolves with the signed-in account's outbox once it is open. */
  constructor(outbox: () => Promise<Outbox | null>) {
    this.outbox = outbox;
  }

  /** Keeps the message in the outbox; resolves once it is stored. */
  async keep(p: Pending): Promise<void> {
    const stored = this.outbox().then((o) => o?.put(p));
    this.puts.set(p.id, stored);
    try {
      await stored;
    } finally {
      this.puts.delete(p.id);
    }
  }

  /** Sends once on this stream; a failed send may be tried again. */
  async send(id: string, go: () => Promise<void>): Promise<void> {
    if (this.inFlight.has(id)) return;
    this.inFlight.add(id);
    await go().catch(() => this.inFlight.delete(id));
  }

  /**
   * An XEP-0198 outcome for a stanza: the id of our message it acknowledged,
   * now leaving the outbox; undefined if not ours or never acknowledged (it
   * stays in the outbox and is sent on the next stream).
   */
  settle(outcome: 'ack' | 'fail', stanza: XmlElement): string | undefined {
    const id = stanza.getChild('origin-id', NS_SID)?.attrs.id;
    if (!id || !this.inFlight.delete(id) || outcome === 'fail') return undefined;
    void (this.puts.get(id) ?? Promise.resolve()).then(() => this.outbox()).then((o) => o?.remove(id));
    return id;
  }

  /** Resolves once every outbox write started so far has ended (before clearing the outbox). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.puts.values()]);
  }

  /** A new stream (or sign-out): nothing sent before it will be resent by SM. */
  reset(): void {
    this.inFlight.clear();
  }
}
