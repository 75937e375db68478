// What to push for one notification, and how (RFC 8030 urgency, TTL, topic).
// By default nothing about patients: who wrote (never the text: OMEMO
// messages are never decrypted, plain ones are not read either), which
// request (title and choices, not its fields), which alarm (preset, colour,
// room: not the place or bed). The sender tells which: req-<id>@ops is a
// request, an incident room's bare JID an alarm (the room's invitation
// carrying it, alarms/codec.ts), anyone else a message.
import { OPEN_STATUSES, type PushPayload } from '@bleep/protocol';
import { createHash } from 'node:crypto';
import { escalatedPast } from '../alarms/current.ts';
import type { AnswerTokens } from '../responses/token.ts';
import type { ComponentConfig } from '../config.ts';
import type { Store } from '../store/types.ts';
import type { PushOptions } from './sender.ts';

export interface Push {
  readonly payload: PushPayload;
  readonly options: PushOptions;
}

// RFC 8030 §5.4: a topic is at most 32 base64url characters.
const topic = (s: string) => createHash('sha256').update(s).digest('base64url').slice(0, 32);
const MINUTE = 60;
/** How long a notification's buttons work: a request's push lives an hour; an alarm's is repeated while unanswered. */
const REQUEST_TOKEN_MS = 60 * MINUTE * 1000;
const ALARM_TOKEN_MS = 15 * MINUTE * 1000;

/** A token for `jid` to answer request `id` until `ms` from now (or the request's own expiry, if sooner). */
function answerToken({ tokens, now }: PayloadDeps, id: string, jid: string, ms: number, expires = ''): string {
  const at = now?.() ?? Date.now();
  return tokens.issue({ request: id, by: jid, expires: Math.min(at + ms, expires ? Date.parse(expires) : Infinity) });
}

export interface PayloadDeps {
  readonly store: Store;
  readonly opsHost: string;
  readonly mucHost: string;
  /** Issues the token a notification's buttons answer with (requests/push-answer.ts). */
  readonly tokens: AnswerTokens;
  /** What this hospital lets a push say beyond the default (BLEEP_PUSH_INCLUDE; default nothing). */
  readonly include: ComponentConfig['push']['include'];
  readonly now?: () => number;
}

/** The pushes for `jid` when `sender` wrote (bare or full JID; '' when the server did not say). */
export async function pushesFor(deps: PayloadDeps, jid: string, sender: string): Promise<Push[]> {
  const bare = sender.split('/')[0]!.toLowerCase();
  const [local, domain] = bare.includes('@') ? bare.split('@') : ['', bare];
  if (domain === deps.opsHost && local!.startsWith('req-')) return request(deps, jid, local!.slice(4));
  // The room's own bare JID sends only invitations (the alarm rides in them); its occupants' posts come from
  // room/nick and push nothing from an incident room.
  if (domain === deps.mucHost && (await deps.store.incidents.byRoom(bare)))
    return sender.includes('/') ? [] : alarms(deps, jid);
  const name = (bare && (await deps.store.directory.get(bare))?.name) || local || bare;
  // One topic per conversation: a push still waiting at the push service is replaced by the next one.
  return [
    {
      payload: { kind: 'message', from: bare, name },
      options: { urgency: 'normal', ttl: 24 * 60 * MINUTE, topic: topic(`chat:${bare}`) },
    },
  ];
}

/**
 * Every open incident `jid` was alerted to and has not answered, while the ladder has not moved past them
 * (alarms/current.ts): the repeats push until one of those happens.
 */
async function alarms(deps: PayloadDeps, jid: string): Promise<Push[]> {
  const { store, opsHost } = deps;
  const out: Push[] = [];
  for (const i of await store.incidents.open()) {
    if (!i.responders.includes(jid) || escalatedPast(await store.incidents.events(i.id), jid)) continue;
    const answered = i.request && (await store.responses.get(i.request))?.answers.some((a) => a.by === jid);
    if (answered) continue;
    out.push({
      payload: {
        kind: 'alarm',
        incident: i.id,
        name: i.preset.name,
        colour: i.preset.colour,
        room: i.room,
        // Where the answer goes, as in the 1:1 alarm (alarms/alert.ts).
        request: i.request ? `req-${i.request}@${opsHost}` : '',
        ...(i.request ? { answer: answerToken(deps, i.request, jid, ALARM_TOKEN_MS) } : {}),
        ...(deps.include.includes('alarm-place')
          ? { place: [i.location, i.bed && `bed ${i.bed}`].filter(Boolean).join(', ') }
          : {}),
      },
      // Urgent, and short-lived: a repeat follows while it is unanswered.
      options: { urgency: 'high', ttl: 5 * MINUTE, topic: topic(`alarm:${i.id}`) },
    });
  }
  return out;
}

/** An open request `jid` was sent and has not answered; nothing for its sender's own copy. */
async function request(deps: PayloadDeps, jid: string, id: string): Promise<Push[]> {
  const { store, opsHost } = deps;
  const r = await store.responses.get(id);
  if (!r || !OPEN_STATUSES.includes(r.status) || r.sender === jid || r.answers.some((a) => a.by === jid)) return [];
  const payload: PushPayload = {
    kind: 'request',
    request: `req-${r.id}@${opsHost}`,
    title: r.title,
    from: r.sender,
    name: r.senderName,
    choices: r.choices.map((c) => ({ value: c.value, label: c.label })),
    answer: answerToken(deps, r.id, jid, REQUEST_TOKEN_MS, r.expires),
    ...(deps.include.includes('request-fields')
      ? { fields: r.fields.filter((f) => f.value).map((f) => ({ label: f.label, value: f.value })) }
      : {}),
  };
  return [{ payload, options: { urgency: 'high', ttl: 60 * MINUTE, topic: topic(`request:${r.id}`) } }];
}
