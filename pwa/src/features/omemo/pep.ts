// OMEMO 0.3's two PEP nodes ↔ typed values: the device list (§4.2) and each
// device's bundle (§4.3). Both are published with pubsub#access_model=open
// (DESIGN.md: peers read them without a roster subscription), and an owner
// whose node has another access model reconfigures it (precondition-not-met).
import { NODE_OMEMO_BUNDLES, NODE_OMEMO_DEVICES, NS_OMEMO, NS_PUBSUB, NS_PUBSUB_ERRORS } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { publishIq, submitForm } from '../../xmpp/pep.ts';
import { fromBase64, toBase64 } from './base64.ts';
import { deviceIdOf } from './codec.ts';

export interface PublicPreKey {
  readonly id: number;
  readonly key: Uint8Array;
}

export interface Bundle {
  readonly identityKey: Uint8Array;
  readonly signedPreKey: PublicPreKey & { readonly signature: Uint8Array };
  readonly preKeys: readonly PublicPreKey[];
}

const NS_PUBSUB_OWNER = `${NS_PUBSUB}#owner`;
const text = (el: XmlElement | undefined) => el?.text().trim();

/** The `<item/>` of a PEP event or items result. */
function itemOf(el: XmlElement | undefined): XmlElement | undefined {
  return el?.getChild('items')?.getChild('item') ?? el?.getChild('item');
}

/** Device ids in a `<list/>`; bad entries are skipped (another client's bug must not hide the good ones). */
export function parseDeviceList(items: XmlElement | undefined): number[] {
  const list = itemOf(items)?.getChild('list', NS_OMEMO);
  const ids = (list?.getChildren('device') ?? []).map((d) => deviceIdOf(d.attrs.id));
  return [...new Set(ids.filter((id): id is number => id !== undefined))];
}

export function parseBundle(items: XmlElement | undefined): Bundle | undefined {
  const b = itemOf(items)?.getChild('bundle', NS_OMEMO);
  if (!b) return undefined;
  const spk = b.getChild('signedPreKeyPublic');
  const spkId = deviceIdOf(spk?.attrs.signedPreKeyId) ?? (spk?.attrs.signedPreKeyId === '0' ? 0 : undefined);
  const spkKey = fromBase64(text(spk));
  const signature = fromBase64(text(b.getChild('signedPreKeySignature')));
  const identityKey = fromBase64(text(b.getChild('identityKey')));
  if (spkId === undefined || !spkKey || !signature || !identityKey) return undefined;
  const preKeys: PublicPreKey[] = [];
  for (const p of b.getChild('prekeys')?.getChildren('preKeyPublic') ?? []) {
    const id = deviceIdOf(p.attrs.preKeyId);
    const key = fromBase64(text(p));
    if (id !== undefined && key?.length) preKeys.push({ id, key });
  }
  if (preKeys.length === 0) return undefined;
  return { identityKey, signedPreKey: { id: spkId, key: spkKey, signature }, preKeys };
}

const OPEN = { 'pubsub#access_model': 'open' };
const publish = (node: string, payload: XmlElement) => publishIq(node, 'current', payload, OPEN);

export function publishDeviceList(ids: readonly number[]): XmlElement {
  return publish(
    NODE_OMEMO_DEVICES,
    xml('list', { xmlns: NS_OMEMO }, ...ids.map((id) => xml('device', { id: String(id) }))),
  );
}

export function publishBundle(deviceId: number, b: Bundle): XmlElement {
  return publish(
    NODE_OMEMO_BUNDLES + deviceId,
    xml(
      'bundle',
      { xmlns: NS_OMEMO },
      xml('signedPreKeyPublic', { signedPreKeyId: String(b.signedPreKey.id) }, toBase64(b.signedPreKey.key)),
      xml('signedPreKeySignature', {}, toBase64(b.signedPreKey.signature)),
      xml('identityKey', {}, toBase64(b.identityKey)),
      xml('prekeys', {}, ...b.preKeys.map((p) => xml('preKeyPublic', { preKeyId: String(p.id) }, toBase64(p.key)))),
    ),
  );
}

/** XEP-0060 §8.2.4: the owner sets the node's access model (the precondition-not-met recovery). */
export function configureOpen(node: string): XmlElement {
  return xml(
    'iq',
    { type: 'set' },
    xml('pubsub', { xmlns: NS_PUBSUB_OWNER }, xml('configure', { node }, submitForm(`${NS_PUBSUB}#node_config`, OPEN))),
  );
}

/** XEP-0060 §6.5: the latest item of a node of `jid`. */
export function fetchItems(jid: string, node: string): XmlElement {
  return xml(
    'iq',
    { type: 'get', to: jid },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node, max_items: '1' })),
  );
}

/** The `<items/>` of an items result, or of a PEP event (XEP-0163 §4.3) for `node`. */
export function itemsOf(el: XmlElement | undefined, node: string): XmlElement | undefined {
  const items =
    el?.getChild('pubsub', NS_PUBSUB)?.getChild('items') ??
    el?.getChild('event', `${NS_PUBSUB}#event`)?.getChild('items');
  return items?.attrs.node === node ? items : undefined;
}

/**
 * Whose device list a PEP notification says changed (XEP-0163 §4.3: a message from the owner's bare
 * JID, with the new item); undefined for any other stanza. Only a reason to read the list again:
 * what it lists is never taken from here, so a forged one changes nothing but a re-read.
 */
export function deviceListChanged(el: XmlElement): string | undefined {
  const from = el.attrs.from as string | undefined;
  if (el.name !== 'message' || !from || from.includes('/')) return undefined;
  return el.getChild('event', `${NS_PUBSUB}#event`) && itemsOf(el, NODE_OMEMO_DEVICES) ? from.toLowerCase() : undefined;
}

/** XEP-0060 §7.1.3.6: the publish options did not match the node's configuration. */
export function isPreconditionNotMet(err: unknown): boolean {
  // xmpp.js's StanzaError: `application` is the condition's sibling from another namespace.
  const app = (err as { application?: XmlElement } | undefined)?.application;
  return app?.name === 'precondition-not-met' && app.attrs.xmlns === NS_PUBSUB_ERRORS;
}
