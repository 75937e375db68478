// The OMEMO feature's public face. The Signal library (and its curve code) is
// loaded on first use, in its own chunk, so the app's first load stays small.
export const loadOmemo = () => import('./engine.ts');
export type { Device, Engine, Decrypted } from './engine.ts';
export { UNDECRYPTABLE, type Undecryptable } from './reasons.ts';
