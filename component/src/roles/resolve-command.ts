// role-resolve: writing to a role with encryption on (issue #11). The client
// asks who holds the role on duty, encrypts the text for each of them
// (OMEMO, XEP-0384) and sends it to them itself; the component never sees the
// words. It records whom the message reached as for a role message
// (deliver.ts), under the message's origin-id: asking again with the same id
// (a retry) gives the same people and keeps one record. If its user then
// cancels it, the client withdraws the record (withdraw-command.ts).
import { FORM_ROLE_RESOLVE, FORM_ROLE_RESOLVED, COMMANDS, ROLE_RESOLVE_FIELDS as F } from '@bleep/protocol';
import type { Command } from '../xmpp/adhoc.ts';
import type { FormDef } from '../xmpp/dataform.ts';
import type { Store } from '../store/types.ts';
import type { RateLimit } from '../rate-limit.ts';
import { originIdOf, parseRole } from './codec.ts';
import { deliverToRole } from './deliver.ts';

export const RESOLVE_FORM: FormDef = {
  formType: FORM_ROLE_RESOLVE,
  title: 'Write to a role',
  instructions: 'The role, and the id of the message you will send to whoever holds it on duty.',
  fields: [
    { var: F.role, type: 'text-single', label: 'Role', required: true, maxLength: 40 },
    { var: F.messageId, type: 'text-single', label: 'Message id', maxLength: 128 },
  ],
};

export const RESOLVED_TABLE: FormDef = {
  formType: FORM_ROLE_RESOLVED,
  title: 'On duty now',
  fields: [
    { var: F.jid, type: 'jid-single', label: 'Address' },
    { var: F.name, type: 'text-single', label: 'Name' },
  ],
};

/** The command; `limit` is the role messages' own (thirty a minute per sender), shared with them. */
export function resolveCommand(store: Store, opsHost: string, limit: RateLimit): Command {
  return {
    node: COMMANDS.roleResolve,
    name: 'Who holds a role on duty (to write to them encrypted)',
    // The same rule as writing to a role (index.ts): every staff member.
    permission: 'staff',
    async run({ caller, step, input }) {
      if (step === 0) return { kind: 'form', form: RESOLVE_FORM, last: true };
      const role = parseRole(String(input?.[F.role] ?? ''));
      limit.take(caller.bare);
      const originId = originIdOf(input?.[F.messageId] as string | undefined);
      const { record, fresh } = await deliverToRole(store, caller, { role, originId }, `${role}@${opsHost}`, true);
      // Nothing for the component to hand over: the client sends it, so it counts as sent now.
      if (fresh) await store.deliveries.sent(record.id, new Date().toISOString());
      const rows = record.reached.map((p) => ({ [F.jid]: p.jid, [F.name]: p.name }));
      return { kind: 'done', form: RESOLVED_TABLE, rows, note: `Write to ${rows.length} on duty as ${role}.` };
    },
  };
}
