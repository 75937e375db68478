// What the component keeps. Domain code talks to these interfaces; SQL lives
// in sql-store.ts and memory.ts is the reference used to check it.

export interface DirectoryEntry {
  /** Bare JID, lower-case. */
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
}

export interface DirectoryStore {
  get(jid: string): Promise<DirectoryEntry | undefined>;
  /** Inserts or replaces the entry, roles included. */
  upsert(entry: DirectoryEntry): Promise<void>;
  /** Every entry, by name. */
  list(): Promise<DirectoryEntry[]>;
}

export interface Store {
  readonly kind: 'memory' | 'sqlite' | 'postgres';
  readonly directory: DirectoryStore;
  /** The highest migration applied (0 for memory). */
  schemaVersion(): Promise<number>;
  close(): Promise<void>;
}
