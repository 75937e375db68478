// The OMEMO feature's public face.
export { loadOmemo } from './load.ts';
export type { Device, Engine, Decrypted } from './engine.ts';
export { UNDECRYPTABLE, type Undecryptable } from './reasons.ts';
export { useOmemo, REMOVED_AT_SIGN_OUT } from './omemo.store.ts';
