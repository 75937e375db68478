// Triggering an alarm: only those the preset allows; the same preset at the
// same place within the merge window joins the open incident (the trigger is
// told, added to the room, and the merge is on the timeline); otherwise a new
// incident: its room (a spare made ahead, spare-rooms.ts; else made now,
// room.ts), at once to each responder a mediated invitation and the 1:1
// alarm message, then the room's members and the
// acknowledgement request posted there (quick responses: the Acknowledge /
// On my way / Decline buttons and the req-<id> answer path are the requests
// service's own).
// An alarm whose room could not be made went to nobody, or to responders who
// cannot enter it: its incident is failed and the trigger told which (unraised.ts).
import { ALARM_CHOICES, type AlarmPreset } from '@bleep/protocol';
import type { Logger } from '../log.ts';
import type { Notify } from '../requests/notify.ts';
// Incident ids look like request ids (8 × base32): valid in a room's local part.
import { newRequestId as newId, sendRequest, type SendDeps } from '../requests/send.ts';
import type { Incident, IncidentEvent, RequestTemplate, StoredRequest } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { Caller } from '../xmpp/router.ts';
import type { Whereabouts } from '../whereabouts.ts';
import type { Element } from '../xmpp/xml.ts';
import { headline } from './codec.ts';
import { tellDispatchers } from './feed.ts';
import { scheduleTimers } from './ladder.ts';
import { alert } from './alert.ts';
import { rungMark } from './current.ts';
import { gpsPlace, incidentPosition } from './position.ts';
import type { PostDeps } from './post.ts';
import { postState } from './state.ts';
import { tallyLine } from '../responses/roles.ts';
import { incidentTally } from './tally.ts';
import { resolveResponders } from './responders.ts';
import { addMembers, incidentRoom, settleIncidentRoom } from './room.ts';
import { makeRoom, message, renameRoom, RoomNotMade, roomReady, type Made } from './room-ready.ts';
import type { SpareRooms } from './spare-rooms.ts';
import { failIncident, notRaised, raisedInTheEnd, roomNotMade, type UnraisedDeps } from './unraised.ts';

export interface TriggerDeps extends SendDeps, PostDeps, UnraisedDeps {
  readonly config: SendDeps['config'];
  readonly store: SendDeps['store'];
  readonly notify: Notify;
  readonly send: (el: Element) => void;
  readonly log: Logger;
  readonly whereabouts: Whereabouts;
  readonly spares: SpareRooms;
}

export interface Details {
  readonly location: string;
  readonly bed: string;
  readonly note: string;
}

export interface Raised {
  readonly incident: Incident;
  readonly merged: boolean;
  /** A retry (same client id) of a trigger that already raised `incident`: nothing was sent again. */
  readonly repeated: boolean;
  readonly alerted: number;
}

/** Where, as compared for merging: case and spacing do not make another place. */
export const placeOf = (d: Details) =>
  [d.location, d.bed]
    .map((s) => s.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' '))
    .filter(Boolean)
    .join(' / ');

const hhmm = (d: Date) => d.toISOString().slice(11, 16);

async function checkAllowed(deps: TriggerDeps, caller: Caller, p: AlarmPreset): Promise<void> {
  if (p.triggerRoles.length === 0) return;
  const roles = (await deps.store.directory.get(caller.bare))?.roles ?? [];
  if (!roles.some((r) => p.triggerRoles.includes(r)))
    throw new BleepError(
      'not-allowed',
      `Only ${p.triggerRoles.join(', ')} may trigger ${p.name}. If someone is in danger, call the switchboard now.`,
    );
}

export async function trigger(
  deps: TriggerDeps,
  caller: Caller,
  p: AlarmPreset,
  d: Details,
  now = new Date(),
  clientId?: string,
  /** Set on the second go, after the incident this trigger first reached failed (unraised.ts). */
  again = false,
): Promise<Raised> {
  await checkAllowed(deps, caller, p);
  const { config, store, muc, log } = deps;
  const at = now.toISOString();
  const triggerName = (await store.directory.get(caller.bare))?.name || caller.bare.split('@')[0]!;
  const site = await store.site.get();
  const position = incidentPosition(site, d.location, deps.whereabouts.of(caller.bare), at);
  // No place given but GPS shared: responders are told the building it falls in (position.ts), not "place not given".
  // The merge key (place) stays what the trigger typed.
  const told: Details = d.location ? d : { ...d, location: gpsPlace(site, position) };
  // Resolved before the incident is stored, so that it is stored with them in one write (a merge does not use them).
  const people = await resolveResponders(deps, p.responders, [caller.bare]);
  // A spare room, made ahead (spare-rooms.ts), gives the incident its id; else the room is made now.
  // Taken once nothing before the store can fail: a merge, a retry or a failed store leaves it (unused, below).
  const spare = deps.spares.take();
  const id = spare ?? newId();
  const candidate: Incident = {
    id,
    preset: p,
    place: placeOf(d),
    ...told,
    ...(position ? { position } : {}),
    room: incidentRoom(id, config.mucHost),
    roomName: `${headline({ name: p.name, ...told })} · ${hhmm(now)}`,
    trigger: caller.bare,
    triggerName,
    responders: people,
    status: 'open',
    created: at,
    // Until the room is confirmed: if the component stops before, the incident is failed at its next start.
    raising: true,
  };
  const since = new Date(now.getTime() - config.alarmMergeMs).toISOString();
  const mergedEvent: IncidentEvent = {
    at,
    event: 'merged',
    who: caller.bare,
    detail: `${triggerName} triggered it again`,
  };
  const triggered: IncidentEvent = { at, event: 'triggered', who: caller.bare, detail: candidate.roomName };
  // The spare's rename, else the room's join and form, are written now and the alarm goes right behind them, without
  // waiting for Prosody's answers (room-ready.ts: why that is safe, and what happens when Prosody refuses the room).
  // A merge or a retry does not use the room, so the component leaves it and Prosody removes it (temporary until
  // settleIncidentRoom).
  const made = spare
    ? renameRoom(muc, candidate.room, candidate.roomName, people.length)
    : makeRoom(muc, candidate.room, candidate.roomName, people.length);
  const unused = () =>
    void made.then((m) => {
      if (!m.ok) return;
      // A retry's, a merge's, or one whose store failed (a spare's too: renamed for this incident, it serves no other).
      log.info({ preset: p.id, spare: !!spare, roomMs: tenths(m.ms) }, 'alarm: room not used; left');
      muc.leave(candidate.room);
    });
  // Known as being raised from before it is stored: a merge or retry that finds it waits for its room (unraised.ts).
  let confirmed!: (raised: boolean) => void;
  deps.raising.set(id, new Promise<boolean>((r) => (confirmed = r)));
  // Chosen now so that the alarms can point at it; stored (raise) before the trigger is told, as the incident is.
  const request = people.length ? newId() : undefined;
  try {
    // One transaction (issue #10, alarm-fanout): the incident, its responders and its first event. A new incident's
    // alarm goes out once its rows are written, before they are committed: SQLite's COMMIT syncs to disk, which was
    // the longest and most variable step before the alarm (bench/README.md, 2026-12-01). The incident is still
    // durable before the trigger is told it was raised (the command's answer, after this), and the PWA keeps the
    // alarm queued until then. If the commit fails (a disk error, the component stopped), the trigger is told so and
    // its resend raises a new incident: the responders may then get the alarm twice, never not at all.
    const alarmed: Incident = { ...candidate, ...(request ? { request } : {}) };
    const stored = await store.incidents
      .openOrMerge(candidate, since, mergedEvent, clientId, triggered, () => alert(deps, alarmed, people))
      .catch((err) => {
        unused();
        throw err;
      });
    const { incident, merged, repeated } = stored;
    if (merged || repeated) unused();
    // A retry or merge that reached an incident whose alarm is not confirmed out waits for it; if it failed (its
    // client ids are forgotten then), this trigger raises a new incident, once.
    if ((merged || repeated) && incident.raising && !(await raisedInTheEnd(deps, incident))) {
      if (again) throw notRaised('unknown');
      return await trigger(deps, caller, p, d, now, clientId, true);
    }
    if (repeated) return { incident, merged, repeated, alerted: incident.responders.length };
    if (merged) {
      await addMembers(muc, incident.room, [caller.bare], new Set(config.admins));
      muc.inviteDirect(caller.jid, incident.room, incident.roomName);
      await postState(
        deps,
        incident,
        `${triggerName} triggered ${p.name} again at ${hhmm(now)} UTC; merged into this incident.`,
      );
      void tellDispatchers(deps, incident.id, 'merged');
      return { incident, merged, repeated, alerted: incident.responders.length };
    }
    const opened = await raise(deps, caller, p, told, now, incident, request, made, () => confirmed(true));
    return { incident: opened, merged, repeated, alerted: people.length };
  } finally {
    confirmed(false); // does nothing once its room was confirmed
    deps.raising.delete(id);
    // The next spare, after the command's answer is written: off this alarm's path.
    setImmediate(() => deps.spares.refill());
  }
}

/** A new incident, stored and its alarm sent (trigger): its room confirmed (else the incident is failed), then the rest. */
async function raise(
  deps: TriggerDeps,
  caller: Caller,
  p: AlarmPreset,
  d: Details,
  now: Date,
  incident: Incident,
  request: string | undefined,
  made: Promise<Made>,
  confirmed: () => void,
): Promise<Incident> {
  const { config, store, muc, log } = deps;
  const { id, responders: people } = incident;
  const admins = new Set(config.admins);
  let opened = incident;
  // After the alert (trigger), the rest (room.ts): the acknowledgement request stored, the room checked, the members
  // set and the door closed, the request posted, the timeline, the timers.
  const alarmed = { ...opened, ...(request ? { request } : {}) };
  muc.inviteDirect(caller.jid, opened.room, opened.roomName);
  // Not awaited, and after the alert: its store read would otherwise run before the room's join is written.
  void tellDispatchers(deps, opened.id, 'opened');
  const alerted = new Date().toISOString();
  let ack: StoredRequest | undefined;
  if (request)
    try {
      const to = { kind: 'room', room: opened.room, people } as const;
      ack = await sendRequest(deps, caller, ackTemplate(p, opened.roomName), to, { ...d }, now, {
        id: request,
        deliver: false,
      });
      opened = (await store.incidents.update(id, { request }))!;
    } catch (err) {
      // The alarm went out; a plain client answers in the room.
      log.warn({ incident: id, err: (err as Error).message }, 'alarm: acknowledgement request not stored');
    }
  const roomMs = await roomReady(deps, alarmed, people, made).catch(async (err: unknown) => {
    // Nobody can respond: it must not look raised (unraised.ts).
    const reached = err instanceof RoomNotMade && err.alerted ? 'responders' : 'nobody';
    await failIncident(deps, opened, roomNotMade(message(err), reached));
    throw notRaised(reached);
  });
  opened = (await store.incidents.update(id, { raising: false }))!;
  confirmed();
  await settleIncidentRoom(muc, opened.room, people, caller.bare, admins);
  if (ack) await deps.notify.request(ack);
  await store.incidents.append(
    id,
    people.map((jid) => ({ at: alerted, event: 'alerted' as const, who: jid, detail: rungMark(0) })),
  );
  await scheduleTimers(deps.scheduler, opened);
  // The room's first state (nobody acknowledged yet), for clients that show it live.
  const t = await incidentTally(store, opened);
  await postState(
    deps,
    opened,
    people.length
      ? `${p.name}: ${people.length} alerted; waiting for acknowledgements (${tallyLine(t)}).`
      : `Nobody to alert for ${p.name} right now; the escalation ladder will look further.`,
    t,
  );
  // roomMs: until the room's answers were read. They come after Prosody has handled the alarm written behind the
  // room (room-ready.ts), so this is not the room alone: a retry's room is (above).
  log.info({ incident: id, preset: p.id, alerted: people.length, roomMs: tenths(roomMs) }, 'alarm raised');
  return opened;
}

const tenths = (ms: number) => Math.round(ms * 10) / 10;

/** The acknowledgement request: every responder answers (rule each), so it stays open to answers while the alarm runs. */
function ackTemplate(p: AlarmPreset, title: string): RequestTemplate {
  return {
    id: `alarm-${p.id}`,
    title,
    choices: ALARM_CHOICES,
    rule: { kind: 'each' },
    fields: p.details.map((d) => ({ var: d, type: 'text-single' as const, label: d[0]!.toUpperCase() + d.slice(1) })),
  };
}
