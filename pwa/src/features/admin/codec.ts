// The accounts command's table (protocol ACCOUNT_FIELDS) → which accounts are
// disabled, by bare JID. A bad answer is an Error value, never a throw.
import { ACCOUNT_FIELDS as A, FORM_ACCOUNTS } from '@bleep/protocol';
import type { CommandStep } from '../forms/command.ts';
import { parseTable } from '../forms/dataform.ts';

/** Every account on the server: its bare JID → whether it is disabled. */
export function parseAccounts(step: CommandStep): Map<string, boolean> | Error {
  if (!step.x || step.form?.formType !== FORM_ACCOUNTS) return new Error('The server did not list the accounts.');
  return new Map(
    parseTable(step.x)
      .map((f) => [f[A.jid]?.[0] ?? '', ['true', '1'].includes(f[A.disabled]?.[0] ?? '')] as const)
      .filter(([jid]) => jid),
  );
}
