// What a person sees while the operations service fails under them: role
// messages sent steadily, each with a XEP-0359 origin-id, and what came of
// each (reached, refused with an error, or nothing). After recovery the
// unconfirmed ones are sent again with the same origin-id, as the PWA's
// outbox does; then every message must have reached the on-duty holder
// exactly once, and be stored exactly once.
import { loadavg, availableParallelism } from 'node:os';
import { NS_PING, NS_ROLE, NS_SID, NS_STANZAS } from '@bleep/protocol';
import { xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import type { Watch } from '../fuzz/watch.ts';
import type { Store } from '../store/types.ts';

export type Outcome = 'reached' | `error:${string}` | 'none';

export class RoleTraffic {
  private n = 0;
  private timer: NodeJS.Timeout | undefined;
  readonly outcomes = new Map<string, Outcome>();
  /**
   * What the role's holder received: each delivery's id and text (the text is the sender's id). A
   * client keeps one per id: XEP-0198 may hand the same stanza over twice when the server stops
   * before the client's ack reached it, and the PWA drops the repeat by its id.
   */
  readonly received = new Map<string, string>();
  private readonly from: Client;
  private readonly to: string;

  constructor(from: Client, receiver: Client, role: string, ops: string) {
    this.from = from;
    this.to = `${role}@${ops}`;
    from.on('stanza', ((el: XmlElement) => this.onReply(el)) as never);
    receiver.on('stanza', ((el: XmlElement) => {
      const d = el.getChild('delivered', NS_ROLE);
      if (d) this.received.set(d.attrs.id!, d.text());
    }) as never);
  }

  private onReply(el: XmlElement): void {
    if (el.name !== 'message') return;
    const id = el.attrs.id ?? '';
    if (!this.outcomes.has(id)) {
      const reached = el.getChild('reached', NS_ROLE)?.attrs['in-reply-to'];
      if (reached && this.outcomes.has(reached)) this.outcomes.set(reached, 'reached');
      return;
    }
    if (el.attrs.type === 'error' && this.outcomes.get(id) === 'none') {
      this.outcomes.set(id, `error:${firstCondition(el)}`);
    }
  }

  /** Sends one role message; its id, origin-id and text are all `msg-<n>`. */
  send(id = `msg-${++this.n}`): Promise<void> {
    if (!this.outcomes.has(id) || this.outcomes.get(id) !== 'reached') this.outcomes.set(id, 'none');
    return this.from
      .send(
        xml('message', { type: 'chat', to: this.to, id }, xml('body', {}, id), xml('origin-id', { xmlns: NS_SID, id })),
      )
      .catch(() => {});
  }

  /** Sends one message every `everyMs` until stop(). */
  start(everyMs: number): void {
    this.timer = setInterval(() => void this.send(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Each outcome kind and how many messages had it. */
  tally(): Record<string, number> {
    const t: Record<string, number> = {};
    for (const o of this.outcomes.values()) t[o] = (t[o] ?? 0) + 1;
    return t;
  }

  /** The outbox after recovery: sends again, with the same origin-id, every message not confirmed. */
  async resendUnconfirmed(): Promise<number> {
    const again = [...this.outcomes].filter(([, o]) => o !== 'reached').map(([id]) => id);
    for (const id of again) await this.send(id);
    return again.length;
  }

  /** Problems: a message not reached, or received other than exactly once, or not stored exactly once. */
  async problems(store: Store, sender: string): Promise<string[]> {
    const out: string[] = [];
    for (const [id, o] of this.outcomes) {
      if (o !== 'reached') out.push(`${id}: ${o}`);
      const times = [...this.received.values()].filter((b) => b === id).length;
      if (times !== 1) out.push(`${id} received ${times} times`);
    }
    const stored = await store.deliveries.bySender(sender, 100_000);
    const bodies = new Set(this.received.values());
    if (stored.length !== this.outcomes.size)
      out.push(`${stored.length} deliveries stored for ${this.outcomes.size} messages`);
    if (bodies.size !== this.outcomes.size)
      out.push(`${bodies.size} distinct messages received for ${this.outcomes.size}`);
    return out;
  }
}

function firstCondition(el: XmlElement): string {
  const err = el.getChild('error');
  for (const c of ['remote-server-timeout', 'service-unavailable', 'internal-server-error', 'recipient-unavailable'])
    if (err?.getChild(c, NS_STANZAS)) return c;
  return 'other';
}

const ping = (ops: string) => xml('iq', { type: 'get', to: ops }, xml('ping', { xmlns: NS_PING }));

/** Milliseconds from `since` until the component answers `probe` (a ping unless given) with a result, polled every 50 ms. */
export async function backAfter(
  client: Client,
  watch: Watch,
  ops: string,
  since: number,
  probe: () => XmlElement = () => ping(ops),
  limitMs = 30_000,
): Promise<number> {
  for (;;) {
    const pong = await watch.request(client, probe(), 1000).catch(() => undefined);
    if (pong?.attrs.type === 'result') return Date.now() - since;
    if (Date.now() - since > limitMs) throw new Error(`the component was not back after ${limitMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The bound on a recovery (issue #14: back within 5 s). A restart is mostly
 * CPU (a Node process starting, Prosody loading its modules); on a machine
 * whose run queue is longer than two per core, every step of it waits that
 * much longer, so the bound grows with the load beyond that. On an idle or
 * normally busy machine it is exactly 5 s.
 */
export function recoveryBoundMs(): number {
  const perCore = loadavg()[0]! / Math.max(1, availableParallelism());
  return 5000 * Math.max(1, perCore / 2);
}
