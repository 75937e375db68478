// When an invited person's account is created, Prosody tells the component
// (mod_bleep_invites: <registered/> from the users' host) and the admin's
// preset becomes their directory entry, audited with the admin as its author.
// If the component was away, Prosody kept it: the component asks for what
// it missed each time it connects.
import { randomUUID } from 'node:crypto';
import { INVITE_ACCEPTED } from '@bleep/protocol';
import type { DirectoryChanges } from '../directory/changes.ts';
import type { Logger } from '../log.ts';
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

/** How many missed presets were applied, and how many failed (kept in Prosody for the next connect). */
export interface Missed {
  readonly applied: number;
  readonly failed: number;
}

/**
 * What Prosody kept while the component was away: each applied, then forgotten
 * there. One that fails does not hold up the rest: it stays in Prosody, tried
 * again at the next connect (and swept after BLEEP_EXPIRED_INVITE_DAYS). Its
 * log line names the error's kind only: no account, name or message.
 */
export async function applyMissed(
  invites: Pick<ProsodyInvites, 'unapplied' | 'applied'>,
  d: ApplyDeps,
  log: Logger,
): Promise<Missed> {
  let applied = 0;
  let failed = 0;
  for (const r of await invites.unapplied()) {
    try {
      await applyPreset(r, d);
      await invites.applied(r.user);
      applied++;
    } catch (err) {
      failed++;
      log.warn({ error: errorKind(err) }, 'a missed preset was not applied; Prosody keeps it for the next connect');
    }
  }
  return { applied, failed };
}

/** A BleepError's key, a driver error's code, else the error's class: never its message (it may quote an account). */
function errorKind(err: unknown): string {
  if (err instanceof BleepError) return err.key;
  const code = (err as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return err instanceof Error ? err.name : typeof err;
}
