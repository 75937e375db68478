// Closing an incident and breaking the glass. Resolving is for whoever
// triggered it, a dispatcher or an admin: the outcome goes on the timeline,
// the acknowledgement request is closed (ack-request.ts), the ladder stops, the summary is posted, and the room is renamed
// "Resolved · …" and made read-only (rooms/read-only.ts); members keep reading
// it and its archive. Breaking the glass lets a dispatcher or admin who is not a
// responder in, with a reason that is kept in the audit log and posted.
import { randomUUID } from 'node:crypto';
import { ALARM_COMMANDS } from '@bleep/protocol';
import type { Authz } from '../authz.ts';
import { makeReadOnly } from '../rooms/read-only.ts';
import type { Incident } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import type { Caller } from '../xmpp/router.ts';
import { closeAckRequest } from './ack-request.ts';
import { tellDispatchers } from './feed.ts';
import { cancelTimers } from './ladder.ts';
import { postState } from './state.ts';
import { printable, reportLines } from './report.ts';
import { addMembers } from './room.ts';
import type { TriggerDeps } from './trigger.ts';

export interface CloseDeps extends TriggerDeps {
  readonly authz: Authz;
}

const nameOf = async (deps: CloseDeps, jid: string) =>
  (await deps.store.directory.get(jid))?.name || jid.split('@')[0]!;

export async function openIncident(deps: CloseDeps, id: string): Promise<Incident> {
  const i = await deps.store.incidents.get(id);
  if (!i) throw new BleepError('bad-form', `There is no incident ${quote(id)}.`);
  if (i.status !== 'open') throw new BleepError('bad-form', `${i.roomName} is closed already.`);
  return i;
}

export async function resolve(deps: CloseDeps, caller: Caller, id: string, outcome: string): Promise<Incident> {
  const i = await openIncident(deps, id);
  if (i.trigger !== caller.bare && !(await deps.authz.holds(caller, 'incidents')))
    throw new BleepError(
      'not-allowed',
      `Only ${i.triggerName} (who triggered it), a dispatcher or an admin may resolve ${i.roomName}.`,
    );
  const at = new Date().toISOString();
  const closed = (await deps.store.incidents.update(id, { status: 'resolved' }))!;
  await deps.store.incidents.append(id, [{ at, event: 'resolved', who: caller.bare, detail: outcome }]);
  await closeAckRequest(deps.store, i, 'resolved', at);
  await cancelTimers(deps.scheduler, i);
  void tellDispatchers(deps, id, 'resolved');
  const lines = printable(closed, await reportLines(deps.store, closed));
  await postState(
    deps,
    closed,
    `${i.preset.name} resolved by ${await nameOf(deps, caller.bare)}: ${outcome}\n${lines.join('\n')}`,
    undefined,
    outcome,
  );
  await makeReadOnly(deps.muc, i.room, `Resolved · ${i.roomName}`);
  return closed;
}

export async function breakGlass(deps: CloseDeps, caller: Caller, id: string, reason: string): Promise<Incident> {
  const i = await openIncident(deps, id);
  const name = await nameOf(deps, caller.bare);
  const at = new Date().toISOString();
  await deps.store.audit.record({
    id: randomUUID(),
    at,
    actor: caller.bare,
    action: ALARM_COMMANDS.alarmBreakGlass,
    target: `incident:${i.id}`,
    before: null,
    after: { room: i.room, reason },
  });
  await deps.store.incidents.append(id, [{ at, event: 'break-glass', who: caller.bare, detail: reason }]);
  await addMembers(deps.muc, i.room, [caller.bare], new Set(deps.config.admins));
  deps.muc.inviteDirect(caller.jid, i.room, i.roomName);
  await postState(deps, i, `${name} broke the glass to join: ${reason}`);
  return i;
}
