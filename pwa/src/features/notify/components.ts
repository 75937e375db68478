// The notifications feature's components for other features' pages.
export { default as NotifySettings } from './NotifySettings.vue';
