// The alarms feature's public face (issue #10): the store, started with the
// app so that an alarm is shown from the first stream on, and the pieces the
// shell places (the button on every screen, the full-screen alarm, the
// offline warning, an incident room's head and its read-only line once resolved, breaking the glass to join one).
export { useAlarms } from './alarms.store.ts';
export { default as AlarmButton } from './AlarmButton.vue';
export { default as AlarmScreen } from './AlarmScreen.vue';
export { default as AlarmWaiting } from './AlarmWaiting.vue';
export { default as AlarmIncident } from './AlarmIncident.vue';
export { default as AlarmBreakGlass } from './AlarmBreakGlass.vue';
export { incidentReadOnly } from './incident-view.ts';
