// Duty and location (issue #9): the wire contract of the location service on
// ops.<domain>, the site model and the duty shift. No XML here.

/** XEP-0080 user location. https://xmpp.org/extensions/xep-0080.html */
export const NS_GEOLOC = 'http://jabber.org/protocol/geoloc';
/** XEP-0060 §7.2: notifications of published and retracted items. */
export const NS_PUBSUB_EVENT = 'http://jabber.org/protocol/pubsub#event';
/** Bleep's marks inside a <geoloc/>: <stale/> (no update for a while); <site-changed/> in a headline: read `site` again. */
export const NS_LOCATION = 'urn:bleep:location:0';
/** Duty shift notices: <shift-ending/> (the warning) and <shift-ended/> in a headline message. */
export const NS_DUTY = 'urn:bleep:duty:0';
/** FORM_TYPE of the site model command's form and result. */
export const FORM_SITE = 'urn:bleep:site:0';
export const FORM_DUTY_EXTEND = 'urn:bleep:duty:extend:0';

/** The one pubsub node of locations: item id = the person's bare JID, so a publish replaces their last item. */
export const LOCATION_NODE = 'locations';

/** The XEP-0080 fields Bleep sends and reads (element names inside <geoloc/>). */
export interface GeoLocation {
  /** Degrees, WGS-84 (XEP-0080 §4). */
  readonly lat?: number;
  readonly lon?: number;
  /** Metres (XEP-0080: horizontal GPS error). */
  readonly accuracy?: number;
  /** Ids from the site model. */
  readonly building?: string;
  readonly floor?: string;
  readonly room?: string;
  /** ISO 8601 (XEP-0082 DateTime): when the position was taken. */
  readonly timestamp: string;
}

/** One marker as dispatchers see it. */
export interface LocationItem {
  /** Bare JID (the item id). */
  readonly jid: string;
  readonly location: GeoLocation;
  /** No update for longer than the service's stale setting. */
  readonly stale: boolean;
}

/** The site model (buildings → floors → rooms or zones), kept by the component, edited by admins. */
export interface SiteModel {
  /** The campus image (path under the PWA, e.g. /site/campus.svg) and where it lies: [[south, west], [north, east]]. */
  readonly campus: { readonly name: string; readonly plan: string; readonly bounds: Bounds };
  readonly buildings: readonly SiteBuilding[];
}
export type Bounds = readonly [readonly [number, number], readonly [number, number]];
export interface SiteBuilding {
  readonly id: string;
  readonly name: string;
  /** Where the building's floor plans lie on the campus: [[south, west], [north, east]]. */
  readonly bounds: Bounds;
  /** Lowest first. */
  readonly floors: readonly SiteFloor[];
}
export interface SiteFloor {
  readonly id: string;
  readonly name: string;
  /**
   * The floor plan: an image the PWA serves (/site/north-1.svg), or one an admin uploaded to
   * plans.<domain> (XEP-0363, kept), kept as its same-origin path (/site_plans/<slot>/<name>.png).
   */
  readonly plan: string;
  readonly rooms: readonly SiteRoom[];
  /** Named areas of the floor (a ward, a corridor); absent in models from before zones. */
  readonly zones?: readonly SiteZone[];
}
/** A point on a floor plan: 0…1 from the west (x) and from the south (y) edge. */
export type PlanPoint = readonly [x: number, y: number];
export interface SiteZone {
  readonly id: string;
  readonly name: string;
  /** Its outline on the floor plan, a polygon of 3 or more points (a rectangle is 4). */
  readonly points: readonly PlanPoint[];
}
export interface SiteRoom {
  readonly id: string;
  readonly name: string;
  /** Position on the floor plan, 0…1 from the west (x) and from the south (y) edge. */
  readonly x: number;
  readonly y: number;
}

/** XEP-0050 command nodes of the location and duty services. */
export const LOCATION_COMMANDS = {
  /** Staff: the site model (for the room picker and the map). */
  site: 'site',
  /** Admins: replace the site model. */
  siteEdit: 'site-edit',
  /** Staff on duty: extend the current shift once. */
  dutyExtend: 'duty-extend',
} as const;

/** Field vars of FORM_SITE: the model as JSON (one document; the PWA's Admin → Site model edits it). */
export const SITE_FIELDS = {
  model: 'model',
  /**
   * The model's version (hidden): `site` gives it; `site-edit` given one that is no longer the saved model's
   * refuses the save (`site-changed`), so an editor never overwrites a change it has not seen.
   */
  version: 'version',
} as const;
