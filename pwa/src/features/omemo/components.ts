// The OMEMO feature's components, for the pages that show them.
export { default as OmemoSettings } from './OmemoSettings.vue';
export { default as OmemoDevices } from './OmemoDevices.vue';
