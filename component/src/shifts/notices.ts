// What a person is told about their shift, as a headline message to their
// bare JID (every session of theirs gets it): a plain body for any client,
// and an element the PWA reads (protocol/README.md, Duty shifts).
import { LOCATION_COMMANDS, NS_DUTY } from '@bleep/protocol';
import type { DutyShift } from '../store/types.ts';
import { xml, type Element } from '../xmpp/xml.ts';

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16);
const hours = (ms: number) => `${Math.round((ms / 3_600_000) * 10) / 10} h`;

export class ShiftNotices {
  private readonly from: string;
  private readonly send: (el: Element) => void;
  private seq = 0;

  constructor(from: string, send: (el: Element) => void) {
    this.from = from;
    this.send = send;
  }

  ending(s: DutyShift): void {
    const minutes = Math.max(0, Math.round((s.endsAt - Date.now()) / 60_000));
    const how = s.extended
      ? 'It has been extended once already; hand over before then.'
      : `Extend it once with the "${LOCATION_COMMANDS.dutyExtend}" command, or hand over and go off duty.`;
    this.notice(
      s,
      `Your shift ends at ${clock(s.endsAt)} UTC, in about ${minutes} minutes; then you go off duty by yourself. ${how}`,
      xml('shift-ending', { xmlns: NS_DUTY, ends: new Date(s.endsAt).toISOString(), extendable: String(!s.extended) }),
    );
  }

  ended(s: DutyShift): void {
    this.notice(
      s,
      `Your shift reached its end after ${hours(s.endsAt - s.startedAt)}: you are off duty now, and your location is no longer shared.`,
      xml('shift-ended', { xmlns: NS_DUTY, ended: new Date(s.endsAt).toISOString() }),
    );
  }

  private notice(s: DutyShift, body: string, el: Element): void {
    this.send(
      xml(
        'message',
        { type: 'headline', from: this.from, to: s.jid, id: `shift-${++this.seq}` },
        xml('body', {}, body),
        el,
      ),
    );
  }
}
