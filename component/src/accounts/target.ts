// What every account command shares: the account named in its form, checked
// as directory-edit checks addresses, and its audit record (who, what, when,
// which account, before → after; never a password).
import { randomUUID } from 'node:crypto';
import { ACCOUNT_FIELDS as F } from '@bleep/protocol';
import { accountProblem, canonicalJid } from '../directory/validate.ts';
import type { AuditStore } from '../store/types.ts';
import type { FormValues } from '../xmpp/dataform.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { Caller } from '../xmpp/router.ts';

export interface Target {
  readonly jid: string;
  /** The local part: the account's name on Prosody. */
  readonly user: string;
}

/** The account the form names; an admin's own only when `own` is allowed. */
export function targetOf(input: FormValues, domain: string, caller: Caller, own: string | undefined): Target {
  const given = String(input[F.jid] ?? '');
  const problem = accountProblem(given, domain);
  if (problem) throw new BleepError('bad-form', `Address: ${problem}.`);
  const jid = canonicalJid(given);
  if (own && jid === caller.bare) throw new BleepError('bad-form', own);
  return { jid, user: jid.slice(0, jid.indexOf('@')) };
}

export function recordChange(
  audit: AuditStore,
  caller: Caller,
  action: string,
  target: Target,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): Promise<void> {
  return audit.record({
    id: randomUUID(),
    at: new Date().toISOString(),
    actor: caller.bare,
    action,
    target: target.jid,
    before,
    after,
  });
}
