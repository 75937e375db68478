// The 1:1 alarm on the wire (protocol/README.md, "Preset alarms") ↔ the
// protocol's AlarmPayload. Only the component's alarms@ops.<domain> speaks
// for an alarm: an <alarm/> from anyone else is that person's own text.
import { ALARM_ICONS, ALARM_SEVERITIES, type AlarmIcon, type AlarmPayload, type AlarmSeverity } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';

const bare = (jid: string | undefined) => (jid ?? '').split('/')[0]!.toLowerCase();

/** The alarms service's own address: alarms@ops.<domain>. */
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

/** The acknowledgement request's id: req-<id>@ops.<domain> → <id> (the quick-response answer path keys on it). */
export const requestIdOf = (request: string) => request.split('@')[0]!.replace(/^req-/, '');

/** "Ward 3, bed 4", or '' when the trigger gave no place. */
export const placeOf = (a: Pick<AlarmPayload, 'location' | 'bed'>) =>
  [a.location, a.bed && `bed ${a.bed}`].filter(Boolean).join(', ');
