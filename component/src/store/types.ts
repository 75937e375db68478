// What the component keeps. Domain code talks to these interfaces; SQL lives
// in sql-store.ts and memory.ts is the reference used to check it.
import type { DirectoryEntry, RoleDelivery } from '@bleep/protocol';

export type { DirectoryEntry, RoleDelivery };

export interface DeliveryStore {
  record(d: RoleDelivery): Promise<void>;
  get(id: string): Promise<RoleDelivery | undefined>;
  /** The sender's latest deliveries, newest first. */
  bySender(sender: string, limit: number): Promise<RoleDelivery[]>;
}

export interface DirectoryStore {
  get(jid: string): Promise<DirectoryEntry | undefined>;
  /** Inserts or replaces the entry, roles included. */
  upsert(entry: DirectoryEntry): Promise<void>;
  /** Every entry, by name. */
  list(): Promise<DirectoryEntry[]>;
  /** Sets duty status; returns the updated entry, or undefined if there is none. */
  setDuty(jid: string, onDuty: boolean): Promise<DirectoryEntry | undefined>;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  readonly directory: DirectoryStore;
  readonly deliveries: DeliveryStore;
  /** The highest migration applied (0 for memory). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
