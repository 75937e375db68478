// Whom a request asks, resolved at send time: people (accounts of the
// domain), a role (its on-duty holders, roles/resolve.ts), or a room (its
// owners, admins and members, read from Prosody's MUC; the sender must be one).
import type { Audience } from '@bleep/protocol';
import type { ComponentConfig } from '../config.ts';
import { onDutyHolders } from '../roles/resolve.ts';
import type { Store } from '../store/types.ts';
import { BleepError, quote } from '../xmpp/errors.ts';
import type { Muc } from '../xmpp/muc.ts';

export type AudienceInput =
  | { readonly kind: 'people'; readonly jids: readonly string[] }
  | { readonly kind: 'role'; readonly role: string }
  | {
      readonly kind: 'room';
      readonly room: string;
      /** Its people when the caller knows them before Prosody does (an incident room being made, alarms/room.ts). */
      readonly people?: readonly string[];
    };

export interface Resolved {
  readonly audience: Audience;
  readonly people: readonly { readonly jid: string; readonly name: string }[];
}

export interface AudienceDeps {
  readonly config: ComponentConfig;
  readonly store: Store;
  readonly muc: Muc;
}

/** Every person with an affiliation that lets them in (owner, admin, member); refuses a room that is not on our MUC or does not exist. */
export async function roomPeople(deps: AudienceDeps, room: string): Promise<Map<string, string>> {
  if (!room.endsWith(`@${deps.config.mucHost}`))
    throw new BleepError(
      'bad-form',
      `${quote(room)} is not a room of this hospital (rooms are on ${deps.config.mucHost}).`,
    );
  const affiliations = await deps.muc.affiliations(room).catch(() => {
    throw new BleepError('bad-form', `There is no room ${quote(room)}, or the service cannot read its members.`);
  });
  // People only: the component itself owns the rooms it made.
  const person = (jid: string) => jid.endsWith(`@${deps.config.domain}`);
  return new Map([...affiliations].filter(([j, a]) => person(j) && (a === 'owner' || a === 'admin' || a === 'member')));
}

const nameOf = async (store: Store, jid: string) => (await store.directory.get(jid))?.name || jid.split('@')[0]!;

export async function resolveAudience(deps: AudienceDeps, sender: string, input: AudienceInput): Promise<Resolved> {
  const { config, store } = deps;
  let jids: string[];
  let audience: Audience;
  if (input.kind === 'role') {
    const holders = await onDutyHolders(store, input.role, sender, `${input.role}@${config.opsHost}`);
    return { audience: { kind: 'role', role: input.role }, people: holders.map((h) => ({ jid: h.jid, name: h.name })) };
  }
  if (input.kind === 'room') {
    const members = input.people ? undefined : await roomPeople(deps, input.room);
    if (members && !members.has(sender))
      throw new BleepError(
        'not-allowed',
        `You are not a member of ${quote(input.room)}, so you cannot ask its members.`,
      );
    jids = [...(input.people ?? members!.keys())];
    audience = { kind: 'room', room: input.room };
  } else {
    jids = input.jids.map((j) => j.toLowerCase());
    const foreign = jids.find((j) => !j.endsWith(`@${config.domain}`));
    if (foreign) throw new BleepError('bad-form', `${quote(foreign)} is not an account of ${config.domain}.`);
    audience = { kind: 'people' };
  }
  const others = [...new Set(jids)].filter((j) => j !== sender);
  if (!others.length) throw new BleepError('bad-form', 'Nobody to ask: name at least one person other than yourself.');
  return { audience, people: await Promise.all(others.map(async (jid) => ({ jid, name: await nameOf(store, jid) }))) };
}
