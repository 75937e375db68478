// A preset alarm (issue #10; protocol/README.md, "Preset alarms"): what each
// responder gets in the incident room's invitation from the component
// (alarm-codec.ts fromIncidentRoom says when to believe it). It is no line of a
// conversation: the alarms feature shows it full screen, above any page, and
// its acknowledgement goes the quick-response way (../answering.ts).
import { NS_ALARM } from '@bleep/protocol';
import type { Kind } from './kind.ts';
import { fromIncidentRoom, parseAlarm, type Alarm } from './alarm-codec.ts';

export interface AlarmContent {
  readonly kind: 'alarm';
  readonly alarm: Alarm;
}

export const alarm: Kind<AlarmContent> = {
  kind: 'alarm',
  // From an incident room, never a person: it belongs to no conversation.
  anywhere: true,
  server: true,
  parse(msg, ctx) {
    const el = msg.getChild('alarm', NS_ALARM);
    if (!el || ctx.type !== 'chat' || !fromIncidentRoom(msg, ctx.from, ctx.opsHost, ctx.mucHost)) return undefined;
    // About the room it came through, and no other (an older alarm's `room` must be that room).
    const a = parseAlarm(el, ctx.from, ctx.opsHost);
    return a ? { kind: 'alarm', alarm: a } : undefined;
  },
};
