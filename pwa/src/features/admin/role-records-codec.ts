// The role-records table (protocol ROLE_RECORDS_FIELDS) → rows: messages to
// roles as the component recorded them, never their words. A bad answer is an
// Error value, never a throw.
import { FORM_ROLE_RECORDS, ROLE_RECORDS_FIELDS as R } from '@bleep/protocol';
import type { CommandStep } from '../forms/command.ts';
import { parseTable } from '../forms/dataform.ts';

export interface RoleRecord {
  readonly id: string;
  readonly at: string;
  readonly sender: string;
  readonly role: string;
  /** The on-duty holders it reached; none once withdrawn; null when the list was too long for one answer (cut). */
  readonly reached: readonly { readonly jid: string; readonly name: string }[] | null;
  /** When its sender withdrew it ('' if never). */
  readonly withdrawn: string;
  /** The sender's app wrote to the holders itself (encrypted), or the service relayed it. */
  readonly via: 'client' | 'component';
}

function people(json: string): RoleRecord['reached'] {
  try {
    const v = JSON.parse(json || '[]') as unknown;
    if (!Array.isArray(v)) return null;
    return v
      .filter((p): p is { jid: string; name: string } => typeof p?.jid === 'string')
      .map(({ jid, name }) => ({ jid, name: String(name ?? jid) }));
  } catch {
    return null;
  }
}

export function parseRoleRecords(step: CommandStep): RoleRecord[] | Error {
  if (!step.x || step.form?.formType !== FORM_ROLE_RECORDS)
    return new Error('The server did not send the records of messages to roles.');
  return parseTable(step.x)
    .map((f) => {
      const cell = (v: string) => f[v]?.[0] ?? '';
      return {
        id: cell(R.id),
        at: cell(R.at),
        sender: cell(R.sender),
        role: cell(R.role),
        reached: cell(R.cut).split(' ').includes(R.reached) ? null : people(cell(R.reached)),
        withdrawn: cell(R.withdrawn),
        via: cell(R.via) === 'client' ? ('client' as const) : ('component' as const),
      };
    })
    .filter((r) => r.id);
}
