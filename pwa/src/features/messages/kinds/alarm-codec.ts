// The alarm on the wire (protocol/README.md, "Preset alarms") ↔ the
// protocol's AlarmPayload. It rides in an incident room's mediated invitation,
// and only the component speaks for it: an <alarm/> is believed only from an
// alarm-… room on conference.<domain>, in an invitation whose <invite from/>
// (stamped by the room with the real sender, XEP-0045 §7.8.2) is the
// component, about that same room. Anything else is no alarm.
import {
  ALARM_ICONS,
  ALARM_SEVERITIES,
  NS_MUC_USER,
  type AlarmIcon,
  type AlarmPayload,
  type AlarmSeverity,
} from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();

/** The alarms service's own address, alarms@ops.<domain>: the incident changes for dispatchers come from it. */
export const alarmsAddress = (opsHost: string) => (opsHost ? `alarms@${opsHost}` : '');

/** A colour the page can use as it is (#rrggbb), else the preset-less alarm red. */
const colour = (v: string | undefined) => (/^#[0-9a-f]{6}$/i.test(v ?? '') ? v! : '#dc2626');
const oneOf = <T extends string>(all: readonly T[], v: string | undefined, dflt: T): T =>
  (all as readonly string[]).includes(v ?? '') ? (v as T) : dflt;

/** An alarm as the app keeps it: the payload and which repeat this copy is (0: the first). */
export interface Alarm extends AlarmPayload {
  readonly repeat: number;
}

/** An <alarm/>, or undefined when it lacks what the responder needs (the incident, its room, where to answer). */
export function parseAlarm(el: XmlElement): Alarm | undefined {
  const a = el.attrs;
  const room = bare(a.room);
  const request = bare(a.request);
  if (!a.incident || !room || !request.startsWith('req-')) return undefined;
  return {
    incident: a.incident,
    preset: a.preset ?? '',
    name: a.name || 'Alarm',
    colour: colour(a.colour),
    icon: oneOf<AlarmIcon>(ALARM_ICONS, a.icon, 'bell'),
    severity: oneOf<AlarmSeverity>(ALARM_SEVERITIES, a.severity, 'critical'),
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
