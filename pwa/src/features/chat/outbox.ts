// Messages written but not yet acknowledged by the server (XEP-0198), kept in
// IndexedDB so that neither a dropped connection nor a reload loses them.
// Each keeps its origin-id, so a resend is recognised and shown once.
import { openDB, type IDBPDatabase } from 'idb';

export interface Pending {
  /** The origin-id (XEP-0359) and stanza id. */
  readonly id: string;
  /** Bare JID of the account that wrote it: a shared ward device keeps each user's apart. */
  readonly owner: string;
  /** Bare JID of the other person, or of the room. */
  readonly peer: string;
  /** 'groupchat' for a room; absent (older entries) means a 1:1 chat. */
  readonly type?: 'chat' | 'groupchat';
  readonly body: string;
  /** ISO 8601, when it was written. */
  readonly at: string;
}

export interface Outbox {
  put(p: Pending): Promise<void>;
  remove(id: string): Promise<void>;
  /** This owner's pending messages, oldest first. */
  all(): Promise<Pending[]>;
}

const DB = 'bleep';
const STORE = 'outbox';

function open(): Promise<IDBPDatabase> {
  return openDB(DB, 1, {
    upgrade(db) {
      db.createObjectStore(STORE, { keyPath: 'id' }).createIndex('owner', 'owner');
    },
  });
}

export async function openOutbox(owner: string): Promise<Outbox> {
  const db = await open();
  return {
    async put(p) {
      await db.put(STORE, p);
    },
    async remove(id) {
      await db.delete(STORE, id);
    },
    async all() {
      const mine = (await db.getAllFromIndex(STORE, 'owner', owner)) as Pending[];
      return mine.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },
  };
}
