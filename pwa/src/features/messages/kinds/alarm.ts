// A preset alarm (issue #10; protocol/README.md, "Preset alarms"): the 1:1
// copy each responder gets from alarms@ops.<domain>. It is no line of a
// conversation: the alarms feature shows it full screen, above any page, and
// its acknowledgement goes the quick-response way (../answering.ts).
import { NS_ALARM } from '@bleep/protocol';
import type { Kind } from './kind.ts';
import { alarmsAddress, parseAlarm, type Alarm } from './alarm-codec.ts';

export interface AlarmContent {
  readonly kind: 'alarm';
  readonly alarm: Alarm;
}

export const alarm: Kind<AlarmContent> = {
  kind: 'alarm',
  // From the service's address, never a person: it belongs to no conversation.
  anywhere: true,
  parse(msg, ctx) {
    const el = msg.getChild('alarm', NS_ALARM);
    if (!el || ctx.type !== 'chat' || ctx.from !== alarmsAddress(ctx.opsHost)) return undefined;
    const a = parseAlarm(el);
    return a && { kind: 'alarm', alarm: a };
  },
};
