// When an invited person's account is created, Prosody tells the component
// (mod_bleep_invites: <registered/> from the users' host) and the admin's
// preset becomes their directory entry, audited with the admin as its author.
// If the component was away, Prosody kept it: the component asks for what
// it missed each time it connects.
import { randomUUID } from 'node:crypto';
import { INVITE_ACCEPTED } from '@bleep/protocol';
import type { DirectoryChanges } from '../directory/changes.ts';
import type { DirectoryStore } from '../store/types.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { IqHandler } from '../xmpp/router.ts';
import { parseRegistered, type ProsodyInvites, type Registered } from './prosody.ts';

export interface ApplyDeps {
  readonly directory: DirectoryStore;
  readonly changes: DirectoryChanges;
  readonly domain: string;
}

export async function applyPreset(r: Registered, d: ApplyDeps): Promise<void> {
  if (!r.preset) return;
  const jid = `${r.user}@${d.domain}`;
  const { before, after } = await d.directory.edit(
    { jid, name: r.preset.name, roles: [...r.preset.roles], department: r.preset.department, extension: '' },
    { id: randomUUID(), at: new Date().toISOString(), actor: r.preset.inviter || d.domain, action: INVITE_ACCEPTED },
  );
  await d.changes.emit({ ...(before ? { before } : {}), after });
}

/** <registered/> from the users' host alone: nobody else may write directory entries this way. */
export function registeredHandler(d: ApplyDeps): IqHandler {
  return async ({ caller, payload }) => {
    if (caller.jid !== d.domain) throw new BleepError('not-allowed');
    await applyPreset(parseRegistered(payload), d);
    return undefined;
  };
}

/** What Prosody kept while the component was away: applied, then forgotten there. */
export async function applyMissed(invites: ProsodyInvites, d: ApplyDeps): Promise<number> {
  const missed = await invites.unapplied();
  for (const r of missed) {
    await applyPreset(r, d);
    await invites.applied(r.user);
  }
  return missed.length;
}
