// What a dispatcher does with the people selected (on the map or in the
// list): one registry, so the pane has no action of its own. An action opens
// a form for the selection, or runs at once (one click: "Request assistance").
import type { Component } from 'vue';
import { requestAssistance } from './assistance.ts';
import MapBroadcast from './MapBroadcast.vue';

export interface MapActionContext {
  /** The place the dispatcher names (prefilled with the first selected person's). */
  readonly where: string;
  /** Where the answers of a request sent from the map are followed. */
  follow(requestId: string): void;
}

export interface MapAction {
  readonly id: string;
  /** The button's text (ui/ChoiceGroup shows the registry as it is). */
  readonly name: string;
  /** A form for the selection (props: jids; emits done with how many it reached). */
  readonly form?: Component;
  /** Or at once: what to say when done, or an Error with the reason. */
  readonly run?: (jids: readonly string[], ctx: MapActionContext) => Promise<string | Error>;
}

export const MAP_ACTIONS: readonly MapAction[] = [
  {
    id: 'assistance',
    name: 'Request assistance',
    async run(jids, ctx) {
      const id = await requestAssistance(jids, ctx.where || 'See the dispatcher');
      if (id instanceof Error) return id;
      ctx.follow(id);
      return `Asked ${jids.length} ${jids.length === 1 ? 'person' : 'people'} for assistance.`;
    },
  },
  { id: 'broadcast', name: 'Message', form: MapBroadcast },
];
