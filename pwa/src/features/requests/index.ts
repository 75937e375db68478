// The requests feature's public face (the sender's side of quick responses).
export { useRequests } from './requests.store.ts';
