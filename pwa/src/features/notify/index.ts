// The notifications feature's public face. Its components are in components.ts.
export { useNotify } from './notify.store.ts';
