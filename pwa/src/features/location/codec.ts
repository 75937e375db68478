// Locations and the site model on the wire ↔ typed values (protocol/README.md,
// Locations). A bad answer is an Error value, never a throw in the render path.
// https://xmpp.org/extensions/xep-0080.html · XEP-0060 §6.5, §7.1, §7.2
import {
  LOCATION_COMMANDS,
  LOCATION_NODE,
  NS_COMMANDS,
  NS_DATA,
  NS_GEOLOC,
  NS_LOCATION,
  NS_PUBSUB,
  NS_PUBSUB_EVENT,
  SITE_FIELDS,
  type GeoLocation,
  type LocationItem,
  type SiteModel,
} from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { formValues } from '../../xmpp/dataform.ts';

const FIELDS = ['lat', 'lon', 'accuracy', 'building', 'floor', 'room', 'timestamp'] as const;
const NUMBERS = new Set(['lat', 'lon', 'accuracy']);

const pubsub = (type: 'get' | 'set', to: string, child: XmlElement) =>
  xml('iq', { type, to }, xml('pubsub', { xmlns: NS_PUBSUB }, child));

/** Publishes the user's own item (id = bare JID); null sends an empty <geoloc/>: stopped. */
export function publishIq(ops: string, jid: string, l: GeoLocation | null): XmlElement {
  const children = l ? FIELDS.filter((f) => l[f] !== undefined).map((f) => xml(f, {}, String(l[f]))) : [];
  return pubsub(
    'set',
    ops,
    xml('publish', { node: LOCATION_NODE }, xml('item', { id: jid }, xml('geoloc', { xmlns: NS_GEOLOC }, ...children))),
  );
}

export const subscribeIq = (ops: string, jid: string) =>
  pubsub('set', ops, xml('subscribe', { node: LOCATION_NODE, jid }));
export const itemsIq = (ops: string) => pubsub('get', ops, xml('items', { node: LOCATION_NODE }));
export const siteIq = (ops: string) =>
  xml(
    'iq',
    { type: 'set', to: ops },
    xml('command', { xmlns: NS_COMMANDS, node: LOCATION_COMMANDS.site, action: 'execute' }),
  );

export function parseGeoloc(el: XmlElement | undefined): GeoLocation | null {
  if (!el) return null;
  const out: Record<string, string | number> = {};
  for (const f of FIELDS) {
    const v = el.getChildText(f);
    if (v !== null && v !== undefined && v !== '') out[f] = NUMBERS.has(f) ? Number(v) : v;
  }
  return out.timestamp ? (out as unknown as GeoLocation) : null;
}

function item(el: XmlElement): LocationItem | undefined {
  const geoloc = el.getChild('geoloc', NS_GEOLOC);
  const location = parseGeoloc(geoloc);
  if (!el.attrs.id || !location) return undefined;
  return { jid: el.attrs.id, location, stale: !!geoloc?.getChild('stale', NS_LOCATION) };
}

export function parseItems(iq: XmlElement): LocationItem[] | Error {
  const items = iq.getChild('pubsub', NS_PUBSUB)?.getChild('items');
  if (iq.attrs.type !== 'result' || !items) return new Error(errorText(iq, 'The locations could not be read.'));
  return items.getChildren('item').flatMap((i) => item(i) ?? []);
}

export type LocationEvent = { item: LocationItem } | { retract: string };

/** A notification from the component's locations node; anything else (or from anyone else) is not one. */
export function parseEvent(el: XmlElement, ops: string): LocationEvent[] | undefined {
  if (el.name !== 'message' || el.attrs.from !== ops) return undefined;
  const items = el.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
  if (!items || items.attrs.node !== LOCATION_NODE) return undefined;
  return [
    ...items.getChildren('item').flatMap((i) => {
      const it = item(i);
      return it ? [{ item: it }] : [];
    }),
    ...items.getChildren('retract').flatMap((r) => (r.attrs.id ? [{ retract: r.attrs.id }] : [])),
  ];
}

/** The `site` command's answer: the model and its version ('' from a component without versions). */
export function parseSite(iq: XmlElement): { model: SiteModel; version: string } | Error {
  const x = iq.getChild('command', NS_COMMANDS)?.getChild('x', NS_DATA);
  const values = x ? formValues(x) : new Map<string, string[]>();
  const lines = values.get(SITE_FIELDS.model);
  if (!lines) return new Error(errorText(iq, 'The site model could not be read.'));
  try {
    return { model: JSON.parse(lines.join('\n')) as SiteModel, version: values.get(SITE_FIELDS.version)?.[0] ?? '' };
  } catch {
    return new Error('The site model could not be read.');
  }
}

/** The component's word that an admin saved the site model (protocol/README.md, Locations): who, and its version. */
export function siteChange(stanza: XmlElement, ops: string): { by: string; version: string } | undefined {
  const said = stanza.name === 'message' && stanza.attrs.from === ops && stanza.getChild('site-changed', NS_LOCATION);
  return said ? { by: said.attrs.by ?? '', version: said.attrs.version ?? '' } : undefined;
}

/** The refusal's own text (the component's registry says what to do), or a fallback. */
export function errorText(iq: XmlElement, fallback: string): string {
  return iq.getChild('error')?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas') || fallback;
}
