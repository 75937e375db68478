// The session feature's components for other features' pages (kept apart from
// index.ts so that importing the store does not pull them into the first load).
export { default as SessionProfile } from './SessionProfile.vue';
export { default as SignOut } from './SignOut.vue';
