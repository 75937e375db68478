// A change of the open incidents (issue #10 part 5; protocol/README.md,
// "Preset alarms"), pushed to dispatchers and admins in a headline from
// alarms@ops.<domain>: no line of any conversation; the Incidents tab and the
// map apply it at once (messages.store onIncidentNews).
import { NS_ALARM_INCIDENTS_CHANGE } from '@bleep/protocol';
import { alarmsAddress } from './alarm-codec.ts';
import { parseIncidentNews, type IncidentNews } from './open-incidents-codec.ts';
import type { Kind } from './kind.ts';

export interface IncidentChangeContent {
  readonly kind: 'incident-change';
  readonly news: IncidentNews;
}

export const incidentChange: Kind<IncidentChangeContent> = {
  kind: 'incident-change',
  anywhere: true,
  parse(msg, ctx) {
    const el = msg.getChild('incidents', NS_ALARM_INCIDENTS_CHANGE);
    // Only the component's alarms address speaks for incidents.
    if (!el || ctx.type !== 'chat' || ctx.from !== alarmsAddress(ctx.opsHost)) return undefined;
    const news = parseIncidentNews(el);
    return news && { kind: 'incident-change', news };
  },
};
