// What a responder gets: a mediated invitation through the incident room and
// the 1:1 alarm (codec.ts), at the trigger and at each escalation step.
import type { AlarmPayload } from '@bleep/protocol';
import type { Incident } from '../store/types.ts';
import type { Muc } from '../xmpp/muc.ts';
import type { Element } from '../xmpp/xml.ts';
import { alarmMessage } from './codec.ts';

export interface AlertDeps {
  readonly opsHost: string;
  readonly muc: Muc;
  readonly send: (el: Element) => void;
}

export const payloadOf = (i: Incident, opsHost: string): AlarmPayload => ({
  incident: i.id,
  preset: i.preset.id,
  name: i.preset.name,
  colour: i.preset.colour,
  icon: i.preset.icon,
  severity: i.preset.severity,
  room: i.room,
  request: i.request ? `req-${i.request}@${opsHost}` : '',
  location: i.location,
  bed: i.bed,
  note: i.note,
  trigger: i.trigger,
  triggerName: i.triggerName,
  at: i.created,
});

/** Alerts `people` of an open incident: a mediated invitation through the room and the 1:1 alarm. */
export function alert(deps: AlertDeps, i: Incident, people: readonly string[]): void {
  const { opsHost, muc, send } = deps;
  const payload = payloadOf(i, opsHost);
  for (const jid of people) {
    // Kept out of the archive: one storage write per responder before Prosody passes it on (~40 ms each on
    // the loaded bench machine, alarm-fanout); the 1:1 alarm is archived and names the room.
    muc.inviteMediated(i.room, jid, i.roomName, false);
    send(alarmMessage(payload, `alarms@${opsHost}`, jid));
  }
}
