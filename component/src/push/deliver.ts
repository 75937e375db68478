// Delivers pushes to a person's subscriptions: a gone one (404/410) is
// removed; any other failure is tried again on the scheduler (persisted, so a
// restart keeps it) with backoff, a few times. Logs name the subscription's
// node and the status, never the payload.
import type { PushPayload } from '@bleep/protocol';
import { randomUUID } from 'node:crypto';
import type { Logger } from '../log.ts';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { PushStore, PushSubscription } from '../store/types.ts';
import type { PushOptions, WebPushSender } from './sender.ts';

export const PUSH_RETRY = 'push-retry';
/** The first retry after this; then the scheduler doubles its wait on each failure (scheduler.ts). */
const FIRST_RETRY_MS = 5_000;
/** Attempts by the scheduler before giving up (5 s, then 1, 2, 4 … 64 s: about two minutes in all). */
const MAX_ATTEMPTS = 8;

interface RetryPayload {
  readonly node: string;
  readonly payload: PushPayload;
  readonly options: PushOptions;
}

export interface DeliverDeps {
  readonly push: PushStore;
  readonly scheduler: Scheduler;
  readonly log: Logger;
  /** The sender with the stored VAPID keys (made on first use). */
  sender(): Promise<WebPushSender>;
}

export class Deliver {
  private readonly deps: DeliverDeps;

  constructor(deps: DeliverDeps) {
    this.deps = deps;
    deps.scheduler.register(PUSH_RETRY, (p, t) => this.retry(p as RetryPayload, t.attempts));
  }

  /** Pushes to one subscription now; a failure that may pass is scheduled again. */
  async toSubscription(sub: PushSubscription, payload: PushPayload, options: PushOptions): Promise<void> {
    const out = await (await this.deps.sender()).send(sub, payload, options);
    if (out.kind === 'sent') return;
    if (out.kind === 'gone') return this.gone(sub.node, out.status);
    this.deps.log.warn({ node: sub.node, status: out.status, kind: payload.kind }, 'push failed; will retry');
    await this.deps.scheduler.schedule({
      kind: PUSH_RETRY,
      key: `${PUSH_RETRY}:${sub.node}:${randomUUID()}`,
      at: Date.now() + FIRST_RETRY_MS,
      payload: { node: sub.node, payload, options } satisfies RetryPayload,
    });
  }

  private async gone(node: string, status: number): Promise<void> {
    await this.deps.push.remove(node);
    this.deps.log.info({ node, status }, 'push subscription expired; removed');
  }

  private async retry({ node, payload, options }: RetryPayload, attempts: number): Promise<void> {
    const sub = await this.deps.push.byNode(node);
    if (!sub) return;
    const out = await (await this.deps.sender()).send(sub, payload, options);
    if (out.kind === 'gone') return this.gone(node, out.status);
    if (out.kind === 'failed') {
      if (attempts >= MAX_ATTEMPTS)
        return void this.deps.log.warn({ node, status: out.status, attempts }, 'push given up');
      // The scheduler logs this (kind, key, error: no payload) and tries again later.
      throw new Error(`the push service answered ${out.status || 'nothing'}`);
    }
  }
}
