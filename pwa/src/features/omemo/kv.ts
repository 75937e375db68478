// One account's OMEMO data in IndexedDB: keys, sessions, device identities and
// decrypted messages, each under `<kind>:<name>`. Per account, so a shared
// ward device keeps each person's apart, and sign-out removes that person's.
import { openDB, type IDBPDatabase } from 'idb';

export interface Kv {
  get<T>(key: string): Promise<T | undefined>;
  put(key: string, value: unknown): Promise<void>;
  del(key: string): Promise<void>;
  /** Keys (without the account) that start with `prefix`. */
  keys(prefix: string): Promise<string[]>;
  /** Everything this account keeps here (sign-out). */
  clear(): Promise<void>;
}

const DB = 'bleep-omemo';
// The global itself: this file is also checked without the DOM library (Node integration tests, fake-indexeddb).
const KeyRange = (globalThis as unknown as { IDBKeyRange: { bound(lower: string, upper: string): never } }).IDBKeyRange;
const STORE = 'kv';

let db: Promise<IDBPDatabase> | undefined;
function open(): Promise<IDBPDatabase> {
  db ??= openDB(DB, 1, {
    upgrade: (d) => void d.createObjectStore(STORE),
    blocking: (_c, _b, event) => {
      (event.target as unknown as { close(): void }).close();
      db = undefined;
    },
  });
  return db;
}

export async function openKv(account: string): Promise<Kv> {
  const d = await open();
  const base = `${account}\n`;
  const range = (prefix: string) => KeyRange.bound(base + prefix, `${base}${prefix}\uffff`);
  return {
    get: async (key) => (await d.get(STORE, base + key)) as never,
    put: async (key, value) => void (await d.put(STORE, value, base + key)),
    del: (key) => d.delete(STORE, base + key),
    keys: async (prefix) => ((await d.getAllKeys(STORE, range(prefix))) as string[]).map((k) => k.slice(base.length)),
    clear: () => d.delete(STORE, range('')),
  };
}
