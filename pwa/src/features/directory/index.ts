// The directory feature's public face.
export { useDirectory } from './directory.store.ts';
