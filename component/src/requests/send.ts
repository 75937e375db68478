// Sending a request: resolve whom it asks, store it with its audit, set its
// expiry and escalation timers (persisted, so a restart keeps them), deliver.
import { randomBytes } from 'node:crypto';
import type { RequestField } from '@bleep/protocol';
import type { Scheduler } from '../scheduler/scheduler.ts';
import type { RequestTemplate, StoredRequest } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import type { Caller } from '../xmpp/router.ts';
import { resolveAudience, roomPeople, type AudienceDeps, type AudienceInput } from './audience.ts';
import type { Notify } from './notify.ts';

export const TIMERS = { expire: 'request-expire', escalate: 'request-escalate' } as const;

export interface SendDeps extends AudienceDeps {
  readonly scheduler: Scheduler;
  readonly notify: Notify;
}

/** 8 characters of [a-z2-7] (RFC 4648 base32, lower-case): 40 random bits, a valid local part after "req-". */
export function newRequestId(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return [...randomBytes(8)].map((b) => alphabet[b & 31]).join('');
}

/**
 * Join the Team: the sender must run the team's room (owner or admin; Prosody's admins own every room), or
 * they could put anyone anywhere.
 */
async function checkTeamRoom(deps: SendDeps, t: RequestTemplate, sender: string, fields: readonly RequestField[]) {
  if (t.onAccept !== 'join-room') return;
  const room = fields.find((f) => f.var === 'room')?.value ?? '';
  const people = await roomPeople(deps, room);
  const role = deps.config.admins.includes(sender) ? 'owner' : people.get(sender);
  if (role !== 'owner' && role !== 'admin')
    throw new BleepError('not-allowed', `Only an owner or admin of ${quote(room)} may ask people to join it.`);
}

export interface SendOptions {
  /** Chosen beforehand when something already points at the request (an alarm's 1:1 message). */
  readonly id?: string;
  /** false: stored and timed, but the caller delivers it later (notify.request), once the room is ready. */
  readonly deliver?: boolean;
}

export async function sendRequest(
  deps: SendDeps,
  caller: Caller,
  t: RequestTemplate,
  to: AudienceInput,
  values: Readonly<Record<string, string>>,
  now = new Date(),
  opts: SendOptions = {},
): Promise<StoredRequest> {
  const { id = newRequestId(), deliver = true } = opts;
  const fields = t.fields
    .filter((f) => values[f.var])
    .map((f) => ({ var: f.var, label: f.label, value: values[f.var]! }));
  await checkTeamRoom(deps, t, caller.bare, fields);
  const { audience, people } = await resolveAudience(deps, caller.bare, to);
  const at = now.toISOString();
  const r: StoredRequest = {
    id,
    template: t.id,
    title: t.title,
    sender: caller.bare,
    senderName: (await deps.store.directory.get(caller.bare))?.name || caller.bare.split('@')[0]!,
    rule: t.rule,
    choices: t.choices,
    fields,
    audience,
    ...(t.escalation ? { escalation: t.escalation } : {}),
    ...(t.onAccept ? { onAccept: t.onAccept } : {}),
    created: at,
    ...(t.expiresAfterMs ? { expires: new Date(now.getTime() + t.expiresAfterMs).toISOString() } : {}),
    status: 'pending',
    statusAt: at,
    recipients: people.map((p) => ({ ...p, deliveredAt: at })),
    answers: [],
  };
  await deps.store.responses.create(r, caller.jid.split('/')[1] ?? '');
  if (r.expires)
    await deps.scheduler.schedule({
      kind: TIMERS.expire,
      key: `${TIMERS.expire}:${r.id}`,
      at: new Date(r.expires),
      payload: { id: r.id },
    });
  if (t.escalation && (!t.expiresAfterMs || t.escalation.afterMs < t.expiresAfterMs))
    await deps.scheduler.schedule({
      kind: TIMERS.escalate,
      key: `${TIMERS.escalate}:${r.id}`,
      at: now.getTime() + t.escalation.afterMs,
      payload: { id: r.id },
    });
  if (deliver) await deps.notify.request(r);
  return r;
}
