// What this device keeps so that a reload signs in again without the password:
// a stable device id and the FAST token the server issued to it (XEP-0484).
//
// The token is a credential in localStorage. Why that is acceptable here:
// - it is not the password: Prosody binds it to this account, to this device's
//   id (the XEP-0388 <user-agent id/>) and to one mechanism, and refuses it
//   from any other device;
// - it expires (BLEEP_SIGNIN_TOKEN_DAYS without use) and Prosody replaces it
//   every day it is used, so a copy soon goes stale;
// - sign-out deletes it here and revokes it on the server (revoke.ts);
// - a script able to read it could as well read IndexedDB or drive the open
//   session; the defence is the strict Content-Security-Policy, not the store.

export interface SavedSignIn {
  /** Localpart, as typed at sign-in. */
  readonly username: string;
  readonly mechanism: string;
  readonly token: string;
  /** ISO date from the server. */
  readonly expiry: string;
}

const DEVICE_KEY = 'bleep.device-id';
const SIGNIN_KEY = 'bleep.signin';

/** One id per browser profile, forever: FAST tokens are bound to it (XEP-0484 §3.2). */
export function deviceId(storage: Storage = localStorage): string {
  let id = storage.getItem(DEVICE_KEY);
  if (!id) {
    id = crypto.randomUUID();
    storage.setItem(DEVICE_KEY, id);
  }
  return id;
}

export function parseSignIn(x: unknown): SavedSignIn | undefined {
  if (typeof x !== 'object' || x === null) return undefined;
  const s = x as Record<string, unknown>;
  const ok = (k: string) => typeof s[k] === 'string' && (s[k] as string).length > 0;
  if (!ok('username') || !ok('mechanism') || !ok('token') || !ok('expiry')) return undefined;
  if (Number.isNaN(Date.parse(s.expiry as string))) return undefined;
  return {
    username: s.username as string,
    mechanism: s.mechanism as string,
    token: s.token as string,
    expiry: s.expiry as string,
  };
}

export function loadSignIn(storage: Storage = localStorage): SavedSignIn | undefined {
  try {
    return parseSignIn(JSON.parse(storage.getItem(SIGNIN_KEY) ?? 'null'));
  } catch {
    return undefined;
  }
}

export function saveSignIn(s: SavedSignIn, storage: Storage = localStorage): void {
  storage.setItem(SIGNIN_KEY, JSON.stringify(s));
}

export function forgetSignIn(storage: Storage = localStorage): void {
  storage.removeItem(SIGNIN_KEY);
}

/** The token is still worth trying: not past its expiry. */
export function isFresh(s: SavedSignIn, now = Date.now()): boolean {
  return Date.parse(s.expiry) > now;
}
