// The push feature's public face (issue #12).
export { usePush } from './push.store.ts';
