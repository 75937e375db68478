// Resolves a role at send time to whoever holds it and is on duty
// (resolve.ts), delivers, and records whom it reached. A repeat of the same origin-id (an
// offline queue sending again) is confirmed again but not delivered twice,
// unless the first was recorded and never marked sent (the component was
// killed in between, issue #14): then the resend delivers it. One the sender
// cancelled (role-withdraw, issue #11) is not delivered or named again.
import { createHash, randomUUID } from 'node:crypto';
import type { RoleDelivery } from '@bleep/protocol';
import type { Store } from '../store/types.ts';
import type { Caller } from '../xmpp/router.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { RoleMessage } from './codec.ts';
import { onDutyHolders } from './resolve.ts';

export interface Delivery {
  readonly record: RoleDelivery;
  readonly senderName: string;
  /** False when this origin-id was delivered before; true when it is to be delivered now (then mark it sent). */
  readonly fresh: boolean;
}

/** The record's id for a sender's message: its origin-id, kept apart per sender. */
export const deliveryId = (sender: string, originId: string) =>
  createHash('sha256').update(`${sender}\n${originId}`).digest('hex').slice(0, 32);

/** `byClient`: the sender's own client sends it (role-resolve), so only the sender can withdraw it. */
export async function deliverToRole(
  store: Store,
  caller: Caller,
  msg: Pick<RoleMessage, 'role' | 'originId'>,
  address: string,
  byClient = false,
  now = new Date(),
): Promise<Delivery> {
  const id = msg.originId ? deliveryId(caller.bare, msg.originId) : randomUUID();
  const senderName = (await store.directory.get(caller.bare))?.name ?? caller.bare.split('@')[0]!;
  const before = await store.deliveries.get(id);
  if (before) {
    const { sentAt, byClient: _, withdrawnAt, ...record } = before;
    if (withdrawnAt) throw new BleepError('role-message-withdrawn');
    return { record, senderName, fresh: !sentAt };
  }
  const holders = await onDutyHolders(store, msg.role, caller.bare, address);
  const record: RoleDelivery = {
    id,
    role: msg.role,
    sender: caller.bare,
    reached: holders.map((h) => ({ jid: h.jid, name: h.name })),
    at: now.toISOString(),
  };
  await store.deliveries.record(record, byClient);
  return { record, senderName, fresh: true };
}
