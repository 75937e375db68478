// Alarm stanzas: the alarm to each responder (protocol AlarmPayload in
// NS_ALARM, beside a body any client shows, inside the incident room's
// mediated invitation), the component's posts in the incident room, with the
// incident's state (<incident/>, fixtures/incident-state.xml), and the change
// of an incident told to dispatchers.
import {
  NS_ALARM,
  NS_ALARM_INCIDENTS_CHANGE,
  type AlarmPayload,
  type IncidentChange,
  type IncidentState,
} from '@bleep/protocol';
import type { Incident } from '../store/types.ts';
import { renderTable } from '../xmpp/dataform.ts';
import { mediatedInvite } from '../xmpp/muc-stanzas.ts';
import { xml, type Element } from '../xmpp/xml.ts';
import { OPEN_INCIDENTS_TABLE, openIncidentValues } from './open-incidents.ts';

/** "Code Blue · Ward 3, bed 4": what the alarm is and where. */
export const headline = (p: Pick<AlarmPayload, 'name' | 'location' | 'bed'>) =>
  [p.name, [p.location || 'place not given', p.bed && `bed ${p.bed}`].filter(Boolean).join(', ')].join(' · ');

/** The incident room (its JID and name) and the acknowledgement request's address, which the body names. */
export interface AlarmRoom {
  readonly jid: string;
  readonly name: string;
  readonly request: string;
}

/**
 * The alarm: ONE stanza per responder (issue #10, alarm-fanout), the room's mediated invitation (XEP-0045 §7.8.2)
 * carrying the alarm. Sent by the component (`from`, its own JID, an owner of the room) to the room; Prosody 0.12
 * clones the whole request (muc.lib.lua handle_mediated_invite: body, <alarm/> and id kept, only the muc#user <x/>
 * rebuilt) and sends it from the room's bare JID to the person's bare JID, every device, stamping <invite from/>
 * with the real sender. That stamp is what the PWA trusts (protocol/README.md, "Preset alarms"), and
 * mod_bleep_alarm_invites strips an <alarm/> from anyone else's invitation. A plain client shows the body (Prosody
 * adds its own "… invited you" body only to an invitation without one) and the reason, the room's name
 * ("Code Blue · Ward 3, bed 4 · 10:42", what clients name the room by). `repeat` (1, 2 …) marks a repeat for
 * someone who has not answered yet.
 *
 * As small as it can be (every byte is copied, serialised and encrypted once per responder): <alarm/> carries only
 * what the stanza does not say already (protocol AlarmPayload), empty details not at all. No XEP-0334 <store/>
 * hint: a message with a body is archived, kept offline, copied to other devices and pushed as it is (Prosody
 * 0.12 mod_mam, mod_offline, mod_carbons, mod_cloud_notify), and mod_bleep_alarm_archive archives these itself.
 */
export function alarmInvite(
  p: AlarmPayload,
  room: AlarmRoom,
  from: string,
  to: string | readonly string[],
  repeat = 0,
): Element {
  const body =
    (repeat ? 'STILL UNANSWERED: ' : '') +
    `${headline(p).toUpperCase()}. Triggered by ${p.triggerName} at ${p.at.slice(11, 16)} UTC.` +
    (p.note ? ` Note: ${p.note}.` : '') +
    ` Join the incident room ${room.jid} and type 1 (Acknowledge), 2 (On my way) or 3 (Decline) there, or reply to ${room.request}.`;
  const attrs = Object.fromEntries(
    Object.entries({ ...p, 'trigger-name': p.triggerName }).filter(([k, v]) => k !== 'triggerName' && v !== ''),
  ) as Record<string, string>;
  return mediatedInvite(
    from,
    room.jid,
    to,
    room.name,
    repeat ? `alarm-${p.incident}-r${repeat}` : `alarm-${p.incident}`,
    xml('body', {}, body),
    xml('alarm', { xmlns: NS_ALARM, ...attrs, ...(repeat ? { repeat: String(repeat) } : {}) }),
  );
}

export function roomPost(from: string, room: string, text: string, state?: IncidentState): Element {
  return xml('message', { type: 'groupchat', from, to: room }, xml('body', {}, text), state && incidentEl(state));
}

function incidentEl(s: IncidentState): Element {
  const outcome = s.outcome ? { outcome: s.outcome } : {};
  return xml(
    'incident',
    { xmlns: NS_ALARM, id: s.incident, status: s.status, at: s.at, ...outcome },
    ...s.roles.map((r) => xml('role', { name: r.role, n: String(r.n) }, ...r.by.map((j) => xml('by', {}, j)))),
    ...s.declined.map((j) => xml('declined', {}, j)),
  );
}

/** protocol/README.md, "Preset alarms": the incident's alarm-incidents row, none once it is resolved. */
export function incidentChange(from: string, to: string, i: Incident, change: IncidentChange): Element {
  const rows = change === 'resolved' || i.status !== 'open' ? [] : [openIncidentValues(i)];
  return xml(
    'message',
    { type: 'headline', from, to },
    xml(
      'incidents',
      { xmlns: NS_ALARM_INCIDENTS_CHANGE, change, incident: i.id },
      renderTable(OPEN_INCIDENTS_TABLE, rows),
    ),
  );
}
