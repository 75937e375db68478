// What a dispatcher does with the people selected (on the map or in the
// list). One registry, so a new action (quick responses' "Request
// assistance", issue #8) is one entry here, not a change to the pane.
import type { Component } from 'vue';
import MapBroadcast from './MapBroadcast.vue';

export interface MapAction {
  readonly id: string;
  readonly label: string;
  /** The form the action opens for the selection (props: jids). */
  readonly form: Component;
}

export const MAP_ACTIONS: readonly MapAction[] = [{ id: 'broadcast', label: 'Message', form: MapBroadcast }];
