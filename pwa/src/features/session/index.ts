// The session feature's public face: who the user is. Its components are in components.ts.
export { useMe } from './me.store.ts';
