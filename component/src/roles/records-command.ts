// role-records (issue #11): the server's admins, who read the audit, read the
// records of messages to roles: when, who wrote it, to which role, whom it
// reached (the on-duty holders), and whether its sender withdrew it. The words
// are never stored (with encryption on the component never sees them), so
// none are shown. A page at a time, newest first, capped like audit-log
// (audit/page.ts) so an answer stays under the component's stanza limit.
import {
  AUDIT_COMMANDS,
  AUDIT_PAGE,
  FORM_ROLE_RECORDS,
  FORM_ROLE_RECORDS_QUERY,
  ROLE_RECORDS_FIELDS as F,
} from '@bleep/protocol';
import { fitRows, pageNote } from '../audit/page.ts';
import type { Store, StoredDelivery } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import type { FormDef } from '../xmpp/dataform.ts';

export const RECORDS_QUERY: FormDef = {
  formType: FORM_ROLE_RECORDS_QUERY,
  title: 'Messages to roles',
  instructions: 'Leave it empty for the latest records.',
  fields: [{ var: F.before, type: 'text-single', label: 'Older than record', maxLength: 100 }],
};

export const RECORDS_TABLE: FormDef = {
  formType: FORM_ROLE_RECORDS,
  title: 'Messages to roles',
  fields: [
    { var: F.id, type: 'text-single', label: 'Record' },
    { var: F.at, type: 'text-single', label: 'When' },
    { var: F.sender, type: 'jid-single', label: 'From' },
    { var: F.role, type: 'text-single', label: 'Role' },
    { var: F.reached, type: 'text-single', label: 'Reached (JSON)' },
    { var: F.withdrawn, type: 'text-single', label: 'Withdrawn' },
    { var: F.via, type: 'text-single', label: 'Sent by' },
    { var: F.cut, type: 'text-single', label: 'Cut short' },
  ],
};

const toRow = (d: StoredDelivery) => ({
  [F.id]: d.id,
  [F.at]: d.at,
  [F.sender]: d.sender,
  [F.role]: d.role,
  [F.reached]: JSON.stringify(d.reached.map(({ jid, name }) => ({ jid, name }))),
  [F.withdrawn]: d.withdrawnAt ?? '',
  [F.via]: d.byClient ? 'client' : 'component',
});

export function recordsCommand(store: Store): Command {
  return {
    node: AUDIT_COMMANDS.roleRecords,
    name: 'Messages to roles (records)',
    permission: 'server-admin',
    async run({ step, input }) {
      if (step === 0) return { kind: 'form', form: RECORDS_QUERY, last: true };
      const before = String(input?.[F.before] ?? '').trim();
      const rows = fitRows(await store.deliveries.list({ limit: AUDIT_PAGE, ...(before && { before }) }), toRow);
      // The same "Older than record" note as audit-log's (its rows also carry their id as `id`).
      return { kind: 'done', form: RECORDS_TABLE, rows, note: pageNote(rows) };
    },
  };
}
