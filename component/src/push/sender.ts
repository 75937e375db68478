// Sends one Web Push: the payload encrypted to the subscription (RFC 8291,
// aes128gcm) and signed with the component's VAPID key (RFC 8292), through the
// `web-push` library (MPL-2.0). The outcome is what the caller acts on:
// RFC 8030 §7.3: 404 and 410 mean the subscription is gone for good.
// Connections to a push service are kept alive and reused (RFC 8030 §5: a
// push service takes many pushes over one connection), and at most IN_FLIGHT
// pushes are under way at once: 200 responders' pushes opened 200 TLS
// connections at the same moment, and their handshakes held the component's
// one thread (bench alarm-push-200).
import { readFileSync } from 'node:fs';
import { Agent } from 'node:https';
import { rootCertificates } from 'node:tls';
import webpush from 'web-push';
import type { PushPayload } from '@bleep/protocol';
import type { PushSubscription, VapidKeys } from '../store/types.ts';

/** RFC 8030 §5.3 urgency, §5.2 TTL (seconds), §5.4 topic (a newer push with the same topic replaces a pending one). */
export interface PushOptions {
  readonly urgency: 'very-low' | 'low' | 'normal' | 'high';
  readonly ttl: number;
  readonly topic?: string;
}

export type Outcome = { readonly kind: 'sent' } | { readonly kind: 'gone' | 'failed'; readonly status: number };

const TIMEOUT_MS = 10_000;
/** Pushes under way at once (and so at most this many connections per push service); the rest wait their turn. */
export const IN_FLIGHT = 16;

/** A FIFO of turns: at most `max` holders at once. */
class Turns {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(max: number) {
    this.free = max;
  }
  async run<T>(work: () => Promise<T>): Promise<T> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((r) => this.waiting.push(r));
    try {
      return await work();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    }
  }
}

export class WebPushSender {
  private readonly vapid: { subject: string; publicKey: string; privateKey: string };
  private readonly agent: Agent;
  private readonly turns = new Turns(IN_FLIGHT);

  constructor(keys: VapidKeys, subject: string, caFile: string) {
    this.vapid = { subject, ...keys };
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: IN_FLIGHT,
      // Extra authorities are added to the usual ones, never in their place.
      ...(caFile ? { ca: [...rootCertificates, readFileSync(caFile, 'utf8')] } : {}),
    });
  }

  send(sub: PushSubscription, payload: PushPayload, o: PushOptions): Promise<Outcome> {
    return this.turns.run(() => this.post(sub, payload, o));
  }

  /** Closes the kept-alive connections (the component stops). */
  close(): void {
    this.agent.destroy();
  }

  private async post(sub: PushSubscription, payload: PushPayload, o: PushOptions): Promise<Outcome> {
    try {
      await webpush.sendNotification(
        { endpoint: sub.endpoint, keys: { p256dh: sub.p256dh, auth: sub.auth } },
        JSON.stringify(payload),
        {
          vapidDetails: this.vapid,
          TTL: o.ttl,
          urgency: o.urgency,
          ...(o.topic ? { topic: o.topic } : {}),
          agent: this.agent,
          timeout: TIMEOUT_MS,
        },
      );
      return { kind: 'sent' };
    } catch (err) {
      // A WebPushError carries the push service's status; a network failure has none (0).
      const status = (err as { statusCode?: number }).statusCode ?? 0;
      return { kind: status === 404 || status === 410 ? 'gone' : 'failed', status };
    }
  }
}

export const newVapidKeys = (): VapidKeys => webpush.generateVAPIDKeys();
