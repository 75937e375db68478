// The role addressing feature's components for other features' pages.
export { default as RoleMessage } from './RoleMessage.vue';
