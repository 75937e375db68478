// The component's post in an incident room (issue #10), with the incident's
// live state beside its text: shown as a line like any text, and the newest
// one is what the room's head shows (features/alarms/incident-view.ts).
import { NS_ALARM, type IncidentState } from '@bleep/protocol';
import type { Kind } from './kind.ts';
import { parseIncidentState } from './incident-codec.ts';
import { isComponent } from './request-codec.ts';

export interface IncidentStateContent {
  readonly kind: 'incident-state';
  readonly body: string;
  readonly state: IncidentState;
}

export const incidentState: Kind<IncidentStateContent> = {
  kind: 'incident-state',
  shown: true,
  preview: (c) => c.body,
  parse(msg, ctx) {
    const el = msg.getChild('incident', NS_ALARM);
    if (!el || ctx.type !== 'groupchat' || !isComponent(ctx.sender, ctx.opsHost)) return undefined;
    const state = parseIncidentState(el);
    return state && { kind: 'incident-state', body: msg.getChildText('body') ?? '', state };
  },
};
