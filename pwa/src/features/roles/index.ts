// The role addressing feature's public face. Its components are in components.ts.
export { useRoles } from './roles.store.ts';
export { useRoleWithdrawals } from './withdrawals.store.ts';
