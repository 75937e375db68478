// Resolves a role at send time to whoever holds it and is on duty, delivers,
// and records whom it reached. Only known roles resolve: a base role
// (protocol BASE_ROLES) or one somebody in the directory holds; anything else
// is an address that does not exist. A repeat of the same origin-id (an
// offline queue sending again) is confirmed again but not delivered twice.
import { createHash, randomUUID } from 'node:crypto';
import { BASE_ROLES, type RoleDelivery } from '@bleep/protocol';
import type { Store } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import type { Caller } from '../xmpp/router.ts';
import type { RoleMessage } from './codec.ts';

export interface Delivery {
  readonly record: RoleDelivery;
  readonly senderName: string;
  /** False when this origin-id was delivered before. */
  readonly fresh: boolean;
}

export async function deliverToRole(
  store: Store,
  caller: Caller,
  msg: RoleMessage,
  address: string,
  now = new Date(),
): Promise<Delivery> {
  const id = msg.originId
    ? createHash('sha256').update(`${caller.bare}\n${msg.originId}`).digest('hex').slice(0, 32)
    : randomUUID();
  const senderName = (await store.directory.get(caller.bare))?.name ?? caller.bare.split('@')[0]!;
  const before = await store.deliveries.get(id);
  if (before) return { record: before, senderName, fresh: false };
  const holders = (await store.directory.onDutyWithRole(msg.role)).filter((e) => e.jid !== caller.bare);
  if (holders.length === 0) {
    const known = (BASE_ROLES as readonly string[]).includes(msg.role) || (await store.directory.roleHeld(msg.role));
    if (!known)
      throw new BleepError(
        'unknown-address',
        `There is no role "${msg.role}": ${quote(address)} is not a role anyone in the directory holds, nor a Bleep service. Check the role name.`,
      );
    throw new BleepError(
      'nobody-on-duty',
      `Nobody holds the role "${msg.role}" on duty right now. Try another role, or call the switchboard.`,
    );
  }
  const record: RoleDelivery = {
    id,
    role: msg.role,
    sender: caller.bare,
    reached: holders.map((h) => ({ jid: h.jid, name: h.name })),
    at: now.toISOString(),
  };
  await store.deliveries.record(record);
  return { record, senderName, fresh: true };
}
