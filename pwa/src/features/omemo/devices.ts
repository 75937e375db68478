// Devices on PEP (XEP-0384 0.3 §4.2, §4.3): reading anyone's device list and
// bundles, and announcing this device: its id added to the account's list,
// its bundle published, both open to everyone (DESIGN.md). A node left with
// another access model (by another client) answers precondition-not-met: it
// is reconfigured, and the publish tried again (XEP-0060 §7.1.5).
import { NODE_OMEMO_BUNDLES, NODE_OMEMO_DEVICES } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import type { Engine } from './engine.ts';
import {
  configureOpen,
  fetchItems,
  isPreconditionNotMet,
  itemsOf,
  parseBundle,
  parseDeviceList,
  publishBundle,
  publishDeviceList,
  type Bundle,
} from './pep.ts';

export type Request = (iq: XmlElement) => Promise<XmlElement>;

/** XEP-0060 §6.5.9.11: the node does not exist, the one error that says "no devices". */
const isItemNotFound = (err: unknown) => (err as { condition?: string } | undefined)?.condition === 'item-not-found';

/**
 * A device list; empty only on an authoritative answer: the account has none
 * (item-not-found) or an empty list. Any other error (forbidden, a timeout,
 * not connected) rejects: it says nothing about the account's devices, and
 * taking it as "none" would send in the clear to someone who has OMEMO.
 */
export async function fetchDevices(request: Request, jid: string): Promise<number[]> {
  let result: XmlElement;
  try {
    result = await request(fetchItems(jid, NODE_OMEMO_DEVICES));
  } catch (err) {
    if (isItemNotFound(err)) return [];
    throw err;
  }
  return parseDeviceList(itemsOf(result, NODE_OMEMO_DEVICES));
}

export async function fetchBundle(request: Request, jid: string, id: number): Promise<Bundle | undefined> {
  const node = NODE_OMEMO_BUNDLES + id;
  try {
    return parseBundle(itemsOf(await request(fetchItems(jid, node)), node));
  } catch {
    return undefined;
  }
}

export async function publishOpen(request: Request, iq: XmlElement, node: string): Promise<void> {
  try {
    await request(iq);
  } catch (err) {
    if (!isPreconditionNotMet(err)) throw err;
    await request(configureOpen(node));
    await request(iq);
  }
}

export async function publishOwnBundle(request: Request, engine: Engine): Promise<void> {
  const node = NODE_OMEMO_BUNDLES + engine.deviceId;
  await publishOpen(request, publishBundle(engine.deviceId, await engine.bundle()), node);
}

/**
 * This device's bundle, then the device in the account's list (kept with the
 * others): in that order, so that whoever reads the list finds the bundle.
 */
export async function announce(request: Request, engine: Engine, me: string): Promise<number[]> {
  await publishOwnBundle(request, engine);
  const listed = await fetchDevices(request, me);
  const all = listed.includes(engine.deviceId) ? listed : [...listed, engine.deviceId];
  if (all !== listed) await publishOpen(request, publishDeviceList(all), NODE_OMEMO_DEVICES);
  return all;
}

/** Takes devices off the account's list (the user's own old devices). */
export async function removeDevices(request: Request, me: string, ids: readonly number[]): Promise<number[]> {
  const kept = (await fetchDevices(request, me)).filter((id) => !ids.includes(id));
  await publishOpen(request, publishDeviceList(kept), NODE_OMEMO_DEVICES);
  return kept;
}
