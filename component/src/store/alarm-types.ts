// What the component keeps of preset alarms (alarms/): the presets and the
// incidents with their timelines. Part of the store's interfaces (types.ts).
import type { AlarmPreset, GeoLocation } from '@bleep/protocol';
import type { AuditMeta } from './types.ts';

/** Alarm presets; the definition is validated before it is stored. */
export interface PresetStore {
  get(id: string): Promise<AlarmPreset | undefined>;
  /** Every preset, by name. */
  list(): Promise<AlarmPreset[]>;
  /** Adds those of `presets` whose id is not stored yet (the seeded defaults); returns how many. */
  seed(presets: readonly AlarmPreset[], at: string): Promise<number>;
  /** An admin's edit: inserts or replaces the preset and appends the audit record (target `preset:<id>`), in one transaction. */
  edit(p: AlarmPreset, audit: AuditMeta): Promise<{ before?: AlarmPreset; after: AlarmPreset }>;
}

/** An alarm incident as stored (alarms/): the preset copied in at trigger time, so a later edit changes nothing open. */
export interface Incident {
  readonly id: string;
  readonly preset: AlarmPreset;
  /** The location as compared for merging; '' never merges. */
  readonly place: string;
  readonly location: string;
  readonly bed: string;
  readonly note: string;
  /** Where it is, for the dispatcher's map: the trigger's shared location, or the site room the location names. */
  readonly position?: GeoLocation;
  readonly room: string;
  readonly roomName: string;
  readonly trigger: string;
  readonly triggerName: string;
  /** The acknowledgement request (quick responses), once posted. */
  readonly request?: string;
  /** Everyone alerted so far, bare JIDs, in order. */
  readonly responders: readonly string[];
  /** failed: its room could not be made, so the alarm did not go out (kept for the timeline; never merged into). */
  readonly status: 'open' | 'resolved' | 'failed';
  /** ISO 8601. */
  readonly created: string;
  /**
   * Stored, its alarm not yet confirmed out (alarms/trigger.ts, until the room is made): one still so when the
   * component starts was cut off by a stop and is failed then (alarms/unraised.ts).
   */
  readonly raising?: boolean;
}

export const INCIDENT_EVENTS = [
  'triggered',
  'alerted',
  'merged',
  'escalated',
  'acknowledged',
  'declined',
  'break-glass',
  'resolved',
  'failed',
] as const;
export type IncidentEventKind = (typeof INCIDENT_EVENTS)[number];

/** One line of an incident's timeline, append-only. */
export interface IncidentEvent {
  readonly at: string;
  readonly event: IncidentEventKind;
  /** Bare JID, or '' for the component. */
  readonly who: string;
  readonly detail: string;
}

export interface IncidentStore {
  /**
   * Opens `candidate`, or, when an open incident of the same preset at the same (non-empty) place was
   * created at `since` or later, appends `merged` to that one instead. One at a time per preset and place,
   * so two triggers together never open two incidents. With `clientId` (the client's own id for this trigger),
   * a trigger by the same person with the same id that was seen before returns its incident (`repeated`) and
   * changes nothing: a retry after a reconnect never raises or merges twice.
   */
  openOrMerge(
    candidate: Incident,
    since: string,
    merged: IncidentEvent,
    clientId?: string,
    /** A new incident's first timeline event, written in the same transaction (not on a merge or a retry). */
    opened?: IncidentEvent,
    /**
     * Runs once, for a new incident only, when its rows are written and before they are committed (SQLite's
     * COMMIT is a sync to disk; alarms/trigger.ts sends the alarm here). If the commit then fails, the promise
     * rejects as for any other failure.
     */
    beforeCommit?: () => void,
  ): Promise<{ incident: Incident; merged: boolean; repeated: boolean }>;
  get(id: string): Promise<Incident | undefined>;
  byRoom(room: string): Promise<Incident | undefined>;
  /** The open incidents, newest first. */
  open(): Promise<Incident[]>;
  /** Replaces the incident's changing parts (request, responders, status, raising). */
  update(
    id: string,
    patch: Partial<Pick<Incident, 'request' | 'responders' | 'status' | 'raising'>>,
  ): Promise<Incident | undefined>;
  /**
   * Its alarm did not go out: status `failed`, `event` appended, and the client ids that reached it forgotten,
   * so that the same trigger sent again raises a new incident instead of being a repeat of this one. One transaction.
   */
  fail(id: string, event: IncidentEvent): Promise<Incident | undefined>;
  append(id: string, events: readonly IncidentEvent[]): Promise<void>;
  /** The timeline, oldest first. */
  events(id: string): Promise<IncidentEvent[]>;
}
