// What the user wrote and the server has not acknowledged yet (XEP-0198),
// kept in IndexedDB so that neither a dropped connection nor a reload loses
// it. Any content can wait here (text today; later alarm triggers, media),
// each under its origin-id, so a resend is recognised and shown once.
// Per account: a shared ward device keeps each person's apart, and sign-out
// clears that person's messages. Beside them it keeps role messages to withdraw
// (openWithdrawals): a withdrawal only corrects the audit record, so it is
// kept across a sign-out and goes at that person's next sign-in here.
import { openDB, type IDBPDatabase } from 'idb';
import type { ConversationType, MessageContent } from './content.ts';

export interface Pending {
  /** The origin-id (XEP-0359) and stanza id. */
  readonly id: string;
  /** Bare JID of the account that wrote it. */
  readonly owner: string;
  /** Bare JID of the other person, or of the room. */
  readonly to: string;
  readonly type: ConversationType;
  readonly content: MessageContent;
  /** ISO 8601, when it was written (or the user chose to send it again). */
  readonly at: string;
}

export interface Outbox {
  put(p: Pending): Promise<void>;
  remove(id: string): Promise<void>;
  /** This account's pending messages, oldest first. */
  all(): Promise<Pending[]>;
  /** Forgets everything this account has waiting (sign-out). */
  clear(): Promise<void>;
}

const DB = 'bleep';
const STORE = 'outbox';
const WITHDRAWALS = 'role-withdrawals';

/** Version 1 kept text only: { id, owner, peer, type?, body, at }. */
interface PendingV1 {
  id: string;
  owner: string;
  peer: string;
  type?: ConversationType;
  body: string;
  at: string;
}

function open(): Promise<IDBPDatabase> {
  return openDB(DB, 3, {
    async upgrade(db, oldVersion, _newVersion, tx) {
      if (oldVersion < 1) db.createObjectStore(STORE, { keyPath: 'id' }).createIndex('owner', 'owner');
      if (oldVersion === 1)
        for (let cursor = await tx.objectStore(STORE).openCursor(); cursor; cursor = await cursor.continue()) {
          const v1 = cursor.value as PendingV1;
          const { peer, body, ...rest } = v1;
          await cursor.update({ ...rest, to: peer, type: v1.type ?? 'chat', content: { kind: 'text', body } });
        }
      if (oldVersion < 3) db.createObjectStore(WITHDRAWALS, { keyPath: 'id' }).createIndex('owner', 'owner');
    },
    // Another tab (or a later version of the app) needs the database upgraded: let go of it.
    blocking: (_current, _blocked, event) => (event.target as IDBDatabase).close(),
  });
}

export async function openOutbox(owner: string): Promise<Outbox> {
  const db = await open();
  const mine = async () => (await db.getAllFromIndex(STORE, 'owner', owner)) as Pending[];
  return {
    async put(p) {
      if (p.owner !== owner) throw new Error('This outbox belongs to another account.');
      await db.put(STORE, p);
    },
    async remove(id) {
      const p = (await db.get(STORE, id)) as Pending | undefined;
      if (p?.owner === owner) await db.delete(STORE, id);
    },
    async all() {
      return (await mine()).sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
    },
    async clear() {
      const tx = db.transaction(STORE, 'readwrite');
      for (const key of await tx.store.index('owner').getAllKeys(owner)) await tx.store.delete(key);
      await tx.done;
    },
  };
}

/**
 * A message to a role, kept from before it is resolved until it goes (issue #14: also while the operations service is
 * away), or, if it did not go after role-resolve may have recorded it as reaching the holders (issue #11), until the
 * component has been told it reached nobody.
 */
export interface Withdrawal {
  /** The message id given to role-resolve. */
  readonly id: string;
  readonly owner: string;
  readonly role: string;
  /** The user cancelled it; else the app closed (or the try ended) with it neither sent nor cancelled. */
  readonly cancelled: boolean;
  /**
   * While it has still to go, waiting for the operations service (roles.store.ts): its words, so that it goes when
   * the service is back, also after a reload. Taken off while its user is asked (then a reload cancels it).
   */
  readonly text?: string;
  /** Through the component (encryption could not start here, and the user chose so): nothing to withdraw. */
  readonly plain?: boolean; /** ISO 8601, when it was written (or the user chose to send it still): past the outbox's age it asks first. */
  readonly at?: string;
}

export interface Withdrawals {
  put(w: Withdrawal): Promise<void>;
  remove(id: string): Promise<void>;
  all(): Promise<Withdrawal[]>;
}

export async function openWithdrawals(owner: string): Promise<Withdrawals> {
  const db = await open();
  return {
    async put(w) {
      if (w.owner !== owner) throw new Error('This outbox belongs to another account.');
      await db.put(WITHDRAWALS, w);
    },
    async remove(id) {
      const w = (await db.get(WITHDRAWALS, id)) as Withdrawal | undefined;
      if (w?.owner === owner) await db.delete(WITHDRAWALS, id);
    },
    all: async () => (await db.getAllFromIndex(WITHDRAWALS, 'owner', owner)) as Withdrawal[],
  };
}
