// The rooms feature's components for other features' pages.
export { default as RoomNewForm } from './RoomNewForm.vue';
