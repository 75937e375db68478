// What a responder gets: one stanza, the incident room's mediated invitation
// carrying the alarm (codec.ts alarmInvite), at the trigger, at each
// escalation step and (ladder.ts) at each repeat.
import type { AlarmPayload } from '@bleep/protocol';
import type { Incident } from '../store/types.ts';
import type { Muc } from '../xmpp/muc.ts';
import type { Element } from '../xmpp/xml.ts';
import { alarmInvite } from './codec.ts';

export interface AlertDeps {
  readonly opsHost: string;
  readonly muc: Muc;
  readonly send: (el: Element) => void;
}

/** What <alarm/> says (protocol AlarmPayload): not the room (the stanza's from) nor what the preset says. */
export const payloadOf = (i: Incident): AlarmPayload => ({
  incident: i.id,
  preset: i.preset.id,
  name: i.preset.name,
  request: i.request ?? '',
  location: i.location,
  bed: i.bed,
  note: i.note,
  trigger: i.trigger,
  triggerName: i.triggerName,
  // Whole seconds: the milliseconds said nothing a responder needs.
  at: i.created.replace(/\.\d+Z$/, 'Z'),
});

/** Invitees per stanza: ~60 bytes each, so 500 is ~30 KB, well under Prosody's 256 KiB stanza limit. */
const BATCH = 500;

/**
 * Alerts `people` of an open incident: the alarm inside the room's mediated invitation, one stanza each (issue #10,
 * alarm-fanout: Prosody's work per delivered stanza was what the alarm cost beyond one room message). Archived just
 * after delivery by mod_bleep_alarm_archive, kept offline by mod_offline, pushed by mod_cloud_notify.
 */
export function alert(deps: AlertDeps, i: Incident, people: readonly string[], repeat = 0): void {
  const { opsHost, muc, send } = deps;
  const payload = payloadOf(i);
  const room = { jid: i.room, name: i.roomName, request: i.request ? `req-${i.request}@${opsHost}` : '' };
  // One stanza for all of them (mod_bleep_muc_multi_invite hands each invitee its own), in batches that keep the
  // stanza far below Prosody's size limit.
  for (let k = 0; k < people.length; k += BATCH)
    send(alarmInvite(payload, room, muc.jid, people.slice(k, k + BATCH), repeat));
}
