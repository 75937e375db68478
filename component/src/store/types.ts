// What the component keeps. Domain code talks to these interfaces; SQL lives
// in sql-store.ts and memory.ts is the reference used to check it.
import type { AlarmPreset, DirectoryEntry, GeoLocation, RoleDelivery, SiteModel } from '@bleep/protocol';
import type { IncidentStore, PresetStore } from './alarm-types.ts';
import type { PushStore } from './push-types.ts';
import type { RequestChange, RequestTemplate, StoredRequest, RequestAuditRow } from './responses.ts';

export type { AlarmPreset, DirectoryEntry, GeoLocation, RoleDelivery, SiteModel };
export type * from './responses.ts';
// Alarm presets and incidents (alarms/).
export * from './alarm-types.ts';
// Push keys and subscriptions (push/).
export type * from './push-types.ts';

/**
 * A role delivery as kept: `sentAt` once it was handed to Prosody, absent while only recorded; `byClient` when the
 * sender's own client sends it (role-resolve), and then `withdrawnAt` once the sender cancelled it (`reached` empty).
 */
export type StoredDelivery = RoleDelivery & {
  readonly sentAt?: string;
  readonly byClient?: true;
  readonly withdrawnAt?: string;
};

export interface DeliveryStore {
  /** Records a delivery about to be sent (not yet marked sent); `byClient`: the sender's client sends it. */
  record(d: RoleDelivery, byClient?: boolean): Promise<void>;
  /** Marks a recorded delivery sent, at `at` (ISO 8601). */
  sent(id: string, at: string): Promise<void>;
  /** The sender cancelled it, at `at`: it reached nobody (kept, with the time, for the audit). */
  withdraw(id: string, at: string): Promise<void>;
  get(id: string): Promise<StoredDelivery | undefined>;
  /** The sender's latest deliveries, newest first. */
  bySender(sender: string, limit: number): Promise<RoleDelivery[]>;
  /** Everyone's, newest first (at, then id), for the audit: `limit` records older than the record `before`, if given. */
  list(q: { readonly limit: number; readonly before?: string }): Promise<StoredDelivery[]>;
}

/** One admin edit, as kept in the append-only audit table. */
export interface AuditRecord {
  readonly id: string;
  /** ISO 8601. */
  readonly at: string;
  /** Bare JID of the admin. */
  readonly actor: string;
  /** What was done: the command's node, e.g. 'directory-edit'. */
  readonly action: string;
  /** What it was done to: the entry's JID. */
  readonly target: string;
  /** The value before and after, as JSON values; null when there was none. */
  readonly before: unknown;
  readonly after: unknown;
}

/** Who made an edit, when and with what; the store fills in before and after. */
export type AuditMeta = Pick<AuditRecord, 'id' | 'at' | 'actor' | 'action'>;

/** Which records to list; every filter given must hold. */
export interface AuditQuery {
  readonly limit: number;
  /** Only those about this target. */
  readonly target?: string;
  /** Only those about this kind of target (AUDIT_TARGET_KINDS: `person` is a JID, else the target up to its first `:`). */
  readonly kind?: string;
  readonly actor?: string;
  /** ISO 8601: at or after `from`, before `to`. */
  readonly from?: string;
  readonly to?: string;
  /** A record's id: only records after it in the listing's order (the next page); none when no record has it. */
  readonly before?: string;
}

/** Append-only: there is no way to change or remove a record (and the SQL tables refuse it, migration 0013). */
export interface AuditStore {
  /** The matching records, newest first (ties: larger id first). */
  list(q: AuditQuery): Promise<AuditRecord[]>;
  /** Appends a record that goes with no stored change (a dispatcher reading locations). */
  record(r: AuditRecord): Promise<void>;
}

/** One location received (null: sharing stopped), as kept in the history. */
export interface LocationRecord {
  readonly jid: string;
  /** Epoch milliseconds. */
  readonly receivedAt: number;
  readonly location: GeoLocation | null;
}

export interface LocationStore {
  /** Appends a batch of records in one transaction. */
  append(records: readonly LocationRecord[]): Promise<void>;
  /** One person's history, oldest first. */
  history(jid: string): Promise<LocationRecord[]>;
  /** Deletes what was received before `before` (epoch ms); returns how many. */
  purge(before: number): Promise<number>;
}

export interface SiteStore {
  get(): Promise<SiteModel | undefined>;
  /** Replaces the model and appends its audit record (target 'site'), in one transaction. */
  save(model: SiteModel, audit: AuditMeta): Promise<void>;
}

/** A person's current duty shift (epoch ms). */
export interface DutyShift {
  readonly jid: string;
  readonly startedAt: number;
  readonly endsAt: number;
  /** The one extension was used. */
  readonly extended: boolean;
}

export interface ShiftStore {
  get(jid: string): Promise<DutyShift | undefined>;
  put(shift: DutyShift): Promise<void>;
  remove(jid: string): Promise<void>;
}

/** A department's new name, for DirectoryStore.editAll. */
export interface DepartmentRename {
  readonly from: string;
  readonly to: string;
}

/** One entry of DirectoryStore.editAll, with its own audit record. */
export interface DirectoryEdit {
  readonly entry: Omit<DirectoryEntry, 'onDuty'>;
  readonly audit: AuditMeta;
}

export interface DirectoryStore {
  get(jid: string): Promise<DirectoryEntry | undefined>;
  /** Inserts or replaces the entry, roles included. */
  upsert(entry: DirectoryEntry): Promise<void>;
  /**
   * An admin's edit: inserts or replaces the entry (keeping its duty status)
   * and appends the audit record, in one transaction.
   */
  edit(
    entry: Omit<DirectoryEntry, 'onDuty'>,
    audit: AuditMeta,
  ): Promise<{ before?: DirectoryEntry; after: DirectoryEntry }>;
  /**
   * Several admin edits as one (a department or a role renamed): each entry saved as `edit` saves it,
   * with its own audit record, all in one transaction, so a failure part-way leaves every entry as it was.
   * `renamed`: a department renamed; its room's record (DepartmentRoomStore) goes to the new name in the
   * same transaction, unless the new name has a room already (two departments merged).
   */
  editAll(
    edits: readonly DirectoryEdit[],
    renamed?: DepartmentRename,
  ): Promise<{ before?: DirectoryEntry; after: DirectoryEntry }[]>;
  /** Removes the entry and its roles (an account deleted); returns what it was, if there was one. */
  remove(jid: string): Promise<DirectoryEntry | undefined>;
  /** Every entry, by name. */
  list(): Promise<DirectoryEntry[]>;
  /** Whoever holds `role` and is on duty, by name. */
  onDutyWithRole(role: string): Promise<DirectoryEntry[]>;
  /** Whether anyone in the directory holds `role`, on duty or not. */
  roleHeld(role: string): Promise<boolean>;
  /** Sets duty status; returns the updated entry, or undefined if there is none. */
  setDuty(jid: string, onDuty: boolean): Promise<DirectoryEntry | undefined>;
}

/**
 * Who the directory made a member of each department room (issue #13 part 2):
 * the sync takes membership only from these, never from someone added by hand.
 */
/**
 * The room of each department (rooms/department-room.ts): recorded once, when the department is first seen, and
 * kept when it is renamed (DirectoryStore.editAll), so its address is an id and not its name.
 */
export interface DepartmentRoomStore {
  get(department: string): Promise<string | undefined>;
  /** Records `room` as the department's unless it has one or the room is another's; returns the department's room after, if any. */
  claim(department: string, room: string): Promise<string | undefined>;
  /** Whose room it is, and since when it is retired (rooms/retire.ts); undefined for a room no department has. */
  byRoom(room: string): Promise<DepartmentRoomRecord | undefined>;
  /** Marks the room retired at `at` (ISO 8601), or in use again (null). It keeps its department either way. */
  setRetired(room: string, at: string | null): Promise<void>;
}

export interface DepartmentRoomRecord {
  readonly department: string;
  /** ISO 8601: when nobody worked in the department any more, or it was merged into another; absent while in use. */
  readonly retiredAt?: string;
}

export interface RoomMemberStore {
  placed(room: string): Promise<string[]>;
  /** Rooms with anyone placed in them. */
  rooms(): Promise<string[]>;
  /** Replaces the room's placed members (none: the room is forgotten). */
  setPlaced(room: string, jids: readonly string[]): Promise<void>;
}

/** A persisted timer (scheduler/). */
export interface Timer {
  readonly id: string;
  readonly kind: string;
  /** Unique: scheduling the same key again does nothing. */
  readonly key: string;
  /** Epoch milliseconds. */
  readonly dueAt: number;
  readonly payload: unknown;
  /** How many times it has been claimed, this time included. */
  readonly attempts: number;
}

export interface TimerStore {
  /** Adds a timer; false (and nothing changes) when one with this key exists, pending or fired (until swept). */
  schedule(t: Pick<Timer, 'id' | 'kind' | 'key' | 'dueAt' | 'payload'>): Promise<boolean>;
  /** Removes a timer that has not fired; false when there was none. */
  cancel(key: string): Promise<boolean>;
  /**
   * Claims up to `limit` timers due at `now` that nobody holds (or whose
   * lease ran out): each is leased to `owner` until `leaseUntil`. Two
   * processes never claim the same timer while its lease runs.
   */
  claim(now: number, owner: string, leaseUntil: number, limit: number): Promise<Timer[]>;
  /** Marks a claimed timer fired; false when it was cancelled or claimed by another meanwhile. */
  fired(id: string, owner: string, at: number): Promise<boolean>;
  /** Gives a claimed timer back to be tried again at `at` (a handler failed). */
  retry(id: string, owner: string, at: number): Promise<void>;
  /** When the next pending timer can be claimed (its due time, or the end of its lease), or undefined when none. */
  nextWake(): Promise<number | undefined>;
  /** The timer with this key, fired or not, with when it fired (for tests and audits). */
  get(key: string): Promise<(Timer & { firedAt?: number }) | undefined>;
  /** Deletes the timers that fired before `firedBefore` (their keys become free again); returns how many. */
  sweep(firedBefore: number): Promise<number>;
}

/** Quick-response templates (requests/): the seeded defaults and admins' edits, in their order. */
export interface TemplateStore {
  templates(): Promise<RequestTemplate[]>;
  /** Adds each template whose id is free and not deleted (position = its place in the list); an existing one is left as it is. */
  addTemplates(list: readonly RequestTemplate[]): Promise<void>;
  /**
   * An admin's edit: replaces the template (keeping its place) or adds it last, and appends the
   * audit record (target `template:<id>`), in one transaction.
   */
  editTemplate(t: RequestTemplate, audit: AuditMeta): Promise<{ before?: RequestTemplate; after: RequestTemplate }>;
  /**
   * An admin's deletion: removes the template and appends the audit record (after null), in one
   * transaction; the template as it was, or undefined when there is none. The id stays deleted for
   * addTemplates (a seeded default does not come back at the next start) until editTemplate adds it again.
   */
  deleteTemplate(id: string, audit: AuditMeta): Promise<RequestTemplate | undefined>;
}

/**
 * Quick responses (issue #8) and, later, alarms: templates, requests, their
 * recipients, answers and audit. Every write to a request goes through
 * `change`, which runs with the request locked in the database (a row lock
 * on PostgreSQL, the write lock on SQLite): `decide` sees the request as
 * stored and says what to write, or throws to write nothing.
 */
export interface ResponseStore extends TemplateStore {
  /** Stores a new request with its recipients and the created and delivered audit events, in one transaction. */
  create(r: StoredRequest, resource: string): Promise<void>;
  get(id: string): Promise<StoredRequest | undefined>;
  /** Undefined when there is no such request; otherwise the request before and after. */
  change(
    id: string,
    decide: (r: StoredRequest) => RequestChange,
  ): Promise<{ before: StoredRequest; after: StoredRequest } | undefined>;
  /**
   * Newest first; only `sender`'s when given, only those posted in `room` (audience kind room) when given; with
   * `openFirst`, the open ones (OPEN_STATUSES) before the closed ones, each newest first.
   */
  list(opts: { sender?: string; room?: string; openFirst?: boolean; limit: number }): Promise<StoredRequest[]>;
  /** The audit trail, oldest request first, events in order; only `sender`'s requests when given. */
  audit(opts: { sender?: string }): Promise<RequestAuditRow[]>;
  /** Deletes requests created before `before` (ISO 8601), with their records; returns how many. */
  purge(before: string): Promise<number>;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  readonly directory: DirectoryStore;
  readonly deliveries: DeliveryStore;
  readonly audit: AuditStore;
  readonly timers: TimerStore;
  readonly responses: ResponseStore;
  readonly locations: LocationStore;
  readonly site: SiteStore;
  readonly shifts: ShiftStore;
  readonly roomMembers: RoomMemberStore;
  readonly departmentRooms: DepartmentRoomStore;
  readonly presets: PresetStore;
  readonly incidents: IncidentStore;
  readonly push: PushStore;
  /** The highest migration applied (0 for memory). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
