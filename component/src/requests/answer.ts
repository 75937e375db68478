// The answer path: a message to req-<id>@ops.<domain>, from a button
// (<answer choice=""/>) or typed text, or a push notification's button
// (push-answer.ts), decided under the request's lock
// (responses/answer.ts), then everyone concerned hears it (notify.ts). Join
// the Team's accept makes the person a member of the team's room and invites them.
import type { Logger } from '../log.ts';
import { decideAnswer } from '../responses/answer.ts';
import type { AnswerEvents } from '../responses/events.ts';
import type { Store, StoredAnswer, StoredRequest } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { Muc } from '../xmpp/muc.ts';
import type { Caller } from '../xmpp/router.ts';
import type { Notify } from './notify.ts';

export interface AnswerDeps {
  readonly store: Store;
  readonly muc: Muc;
  readonly notify: Notify;
  readonly log: Logger;
  /** Told of every answer recorded (alarms follow their acknowledgements). */
  readonly answers?: AnswerEvents;
  readonly now?: () => Date;
}

const ID = /^[a-z2-7]{8}$/;

/** Records `caller`'s answer to req-<id> (`local`); `pick` reads the choice against the request (throws to refuse). */
export async function takeAnswer(
  deps: AnswerDeps,
  caller: Caller,
  local: string,
  pick: (r: StoredRequest) => string,
): Promise<{ readonly request: StoredRequest; readonly answer: StoredAnswer }> {
  const id = local.slice('req-'.length);
  const unknown = () =>
    new BleepError(
      'unknown-request',
      `There is no request "${id.slice(0, 60)}". Answer from the request message itself.`,
    );
  if (!ID.test(id)) throw unknown();
  const who = {
    by: caller.bare,
    name: (await deps.store.directory.get(caller.bare))?.name || caller.bare.split('@')[0]!,
    at: (deps.now?.() ?? new Date()).toISOString(),
    resource: caller.jid.split('/')[1] ?? '',
  };
  // Read, parsed and decided in one go under the request's lock: one read of the request per answer.
  let taken: StoredAnswer | undefined;
  const changed = await deps.store.responses.change(id, (r) => {
    taken = { ...who, choice: pick(r) };
    return decideAnswer(r, taken);
  });
  if (!changed || !taken) throw unknown();
  const a: StoredAnswer = taken;
  const choice = a.choice;
  await deps.notify.answered(changed.before, changed.after, a);
  if (changed.before.answers.find((x) => x.by === a.by)?.choice !== choice)
    await deps.answers?.emit({ before: changed.before, after: changed.after, answer: a });
  const accepts = changed.after.choices.find((c) => c.value === choice)?.accepts;
  const fresh = changed.before.answers.find((x) => x.by === a.by)?.choice !== choice;
  if (accepts && fresh && changed.after.onAccept === 'join-room') await joinTeam(deps, changed.after, a);
  return { request: changed.after, answer: a };
}

async function joinTeam(deps: AnswerDeps, r: StoredRequest, a: StoredAnswer): Promise<void> {
  const room = r.fields.find((f) => f.var === 'room')?.value;
  if (!room) return;
  try {
    const current = (await deps.muc.affiliations(room)).get(a.by);
    // Owners and admins are in already; Prosody refuses to lower them (or to touch a server admin).
    if (current !== 'owner' && current !== 'admin') await deps.muc.setAffiliation(room, a.by, 'member');
    deps.muc.inviteDirect(a.by, room, r.title);
  } catch (err) {
    deps.log.warn({ request: r.id, err: (err as Error).message }, 'join the team: could not add the member');
  }
}
