// The messages feature's components for other features' pages (kept apart
// from index.ts so that the stores do not pull them into the first load).
export { default as ConversationView } from './ConversationView.vue';
export { default as OutboxSettings } from './OutboxSettings.vue';
