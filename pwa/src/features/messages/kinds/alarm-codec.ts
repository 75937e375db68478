// The alarm on the wire (protocol/README.md, "Preset alarms") ↔ the
// protocol's AlarmPayload. It rides in an incident room's mediated invitation,
// and only the component speaks for it: an <alarm/> is believed only from an
// alarm-… room on conference.<domain>, in an invitation whose <invite from/>
// (stamped by the room with the real sender, XEP-0045 §7.8.2) is the
// component, about that same room. Anything else is no alarm.
import { NS_MUC_USER, type AlarmPayload } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();

/** The alarms service's own address, alarms@ops.<domain>: the incident changes for dispatchers come from it. */
export const alarmsAddress = (opsHost: string) => (opsHost ? `alarms@${opsHost}` : '');

/** A colour the page can use as it is (#rrggbb), else ''. */
const colour = (v: string | undefined) => (/^#[0-9a-f]{6}$/i.test(v ?? '') ? v! : '');

/**
 * An alarm as the app keeps it: the payload with the request's whole address, the incident room, which repeat this
 * copy is (0: the first), and the colour an older alarm carried ('' for today's: the preset's, alarmColour).
 */
export interface Alarm extends AlarmPayload {
  readonly room: string;
  readonly colour: string;
  readonly repeat: number;
}

/** The acknowledgement request's address: an <alarm/>'s `request` is its id (older ones: the address itself). */
const requestAddress = (v: string | undefined, opsHost: string) =>
  v?.includes('@') ? bare(v) : v && opsHost ? `req-${v.toLowerCase()}@${opsHost}` : '';

/**
 * An <alarm/> that came from the incident room `from`, or undefined when it lacks what the responder needs (the
 * incident, where to answer) or names another room. Reads both forms (protocol AlarmPayload): today's, without
 * `room`, `colour`, `icon` and `severity` and with the request's id, and the older one archives still hold.
 */
export function parseAlarm(el: XmlElement, from: string, opsHost: string): Alarm | undefined {
  const a = el.attrs;
  const room = bare(from);
  const request = requestAddress(a.request, opsHost);
  if (!a.incident || !request.startsWith('req-') || (a.room !== undefined && bare(a.room) !== room)) return undefined;
  return {
    incident: a.incident,
    preset: a.preset ?? '',
    name: a.name || 'Alarm',
    colour: colour(a.colour),
    room,
    request,
    location: a.location ?? '',
    bed: a.bed ?? '',
    note: a.note ?? '',
    trigger: bare(a.trigger),
    triggerName: a['trigger-name'] ?? '',
    at: a.at ?? '',
    repeat: Math.max(0, Number.parseInt(a.repeat ?? '', 10) || 0),
  };
}

/**
 * Whether `msg`, from the bare JID `from`, is an invitation the component sent through an incident room: the room is
 * an alarm-… room on `mucHost` and the <invite from/> Prosody stamped is `opsHost` itself. Any occupant may invite
 * through a room, and Prosody copies what they put in (mod_bleep_alarm_invites strips an <alarm/> from theirs too).
 */
export function fromIncidentRoom(msg: XmlElement, from: string, opsHost: string, mucHost: string): boolean {
  const [local, host] = from.split('@');
  // The room's own bare JID: an occupant (room/nick) can write private messages with anything in them.
  if (!opsHost || !mucHost || host !== mucHost || !local?.startsWith('alarm-') || msg.attrs.from !== from) return false;
  const invites = msg.getChildren('x', NS_MUC_USER).flatMap((x) => x.getChildren('invite'));
  return invites.length === 1 && bare(invites[0]!.attrs.from) === opsHost;
}

/** The acknowledgement request's id: req-<id>@ops.<domain> → <id> (the quick-response answer path keys on it). */
export const requestIdOf = (request: string) => request.split('@')[0]!.replace(/^req-/, '');

/** "Ward 3, bed 4", or '' when the trigger gave no place. */
export const placeOf = (a: Pick<AlarmPayload, 'location' | 'bed'>) =>
  [a.location, a.bed && `bed ${a.bed}`].filter(Boolean).join(', ');
