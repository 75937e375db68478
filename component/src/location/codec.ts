// XEP-0080 <geoloc/> at the edge: parsed into a GeoLocation (or null, an empty
// <geoloc/> = "stopped"), and rendered back for items and notifications.
// https://xmpp.org/extensions/xep-0080.html#protocol
import { LOCATION_NODE, NS_GEOLOC, NS_LOCATION, NS_PUBSUB, NS_PUBSUB_EVENT, type GeoLocation } from '@bleep/protocol';
import type { LocationItem } from '@bleep/protocol';
import { BleepError, quote } from '../xmpp/errors.ts';
import { xml, type Element } from '../xmpp/xml.ts';

const NUMBERS = ['lat', 'lon', 'accuracy'] as const;
const PLACES = ['building', 'floor', 'room'] as const;
const MAX_ID = 64;

/** The <geoloc/> of a publish: a location, or null for "stopped". Throws bad-location for what is not XEP-0080. */
export function parseGeoloc(el: Element | undefined): GeoLocation | null {
  if (!el || el.name !== 'geoloc' || el.attrs.xmlns !== NS_GEOLOC)
    throw new BleepError('bad-location', `Publish one <geoloc xmlns="${NS_GEOLOC}"/> per item (XEP-0080).`);
  const children = el.getChildElements();
  if (children.length === 0) return null;
  const out: Record<string, string | number> = {};
  for (const c of children) {
    const text = c.text().trim();
    if ((NUMBERS as readonly string[]).includes(c.name)) {
      // XEP-0080 §4: lat, lon and accuracy are xs:decimal.
      if (!/^[-+]?\d+(\.\d+)?$/.test(text))
        throw new BleepError('bad-location', `<${c.name}/> must be a decimal number, not ${quote(text)}.`);
      out[c.name] = Number(text);
    } else if ((PLACES as readonly string[]).includes(c.name)) {
      if (!text || text.length > MAX_ID)
        throw new BleepError(
          'bad-location',
          `<${c.name}/> must name a place of the site model (1–${MAX_ID} characters).`,
        );
      out[c.name] = text;
    } else if (c.name === 'timestamp') out.timestamp = text;
    // Other XEP-0080 fields (alt, speed, text …) are not used on the map; they are left out, not refused.
  }
  if (!out.timestamp)
    throw new BleepError('bad-location', 'The location has no <timestamp/> saying when it was taken.');
  return out as unknown as GeoLocation;
}

export function geolocElement(l: GeoLocation | null, stale = false): Element {
  if (!l) return xml('geoloc', { xmlns: NS_GEOLOC });
  const fields = [...NUMBERS, ...PLACES, 'timestamp'] as const;
  return xml(
    'geoloc',
    { xmlns: NS_GEOLOC },
    ...fields.filter((f) => l[f] !== undefined).map((f) => xml(f, {}, String(l[f]))),
    stale ? xml('stale', { xmlns: NS_LOCATION }) : undefined,
  );
}

/** The <pubsub/> answer to an items request: one item per person sharing. */
export function itemsResult(items: readonly LocationItem[]): Element {
  return xml(
    'pubsub',
    { xmlns: NS_PUBSUB },
    xml(
      'items',
      { node: LOCATION_NODE },
      ...items.map((i) => xml('item', { id: i.jid }, geolocElement(i.location, i.stale))),
    ),
  );
}

/** XEP-0060 §7.1.2.1 (published) and §7.2.2.1 (retracted) event notifications. */
export function notification(
  from: string,
  to: string,
  id: string,
  change: LocationItem | { retract: string },
): Element {
  const items =
    'retract' in change
      ? xml('retract', { id: change.retract })
      : xml('item', { id: change.jid }, geolocElement(change.location, change.stale));
  return xml(
    'message',
    { type: 'headline', from, to, id },
    xml('event', { xmlns: NS_PUBSUB_EVENT }, xml('items', { node: LOCATION_NODE }, items)),
  );
}
