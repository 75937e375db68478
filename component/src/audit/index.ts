// Audit log wiring (issue #13 part 6): Prosody's admins read every admin
// action (who, what, when, before → after), filtered and a page at a time.
// Every admin command appends to the same store (store.audit); nothing here
// or anywhere changes a record.
import { AUDIT_COMMANDS } from '@bleep/protocol';
import type { Service } from '../service.ts';
import { LOG_TABLE, QUERY_FORM } from './forms.ts';
import { pageNote, toRows } from './page.ts';
import { readLog } from './query.ts';

export const auditService: Service = {
  name: 'audit',
  register({ store, commands }) {
    commands.add({
      node: AUDIT_COMMANDS.auditLog,
      name: 'Audit log',
      permission: 'server-admin',
      run: async ({ step, input }) => {
        if (step === 0) return { kind: 'form', form: QUERY_FORM, last: true };
        const rows = toRows(await readLog(store.audit, input!));
        return { kind: 'done', form: LOG_TABLE, rows, note: pageNote(rows) };
      },
    });
  },
};
