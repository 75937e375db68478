// directory-delete: an admin takes a person out of the staff directory (issue
// #13 part 2) while their account stays (account-delete removes both). They
// lose their roles, and the services that follow the directory hear so:
// their department room drops them (rooms/departments.ts). Kept in the audit
// record with the entry as it was.
import { randomUUID } from 'node:crypto';
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { AuditStore, DirectoryStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { DirectoryChanges } from './changes.ts';
import { DELETE_FORM } from './forms.ts';
import { canonicalJid } from './validate.ts';

export function deleteEntryCommand(directory: DirectoryStore, audit: AuditStore, changes: DirectoryChanges): Command {
  return {
    node: COMMANDS.directoryDelete,
    name: 'Delete a directory entry',
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: DELETE_FORM, last: true };
      const jid = canonicalJid(String(input![F.jid]));
      const before = await directory.remove(jid);
      if (!before) throw new BleepError('unknown-entry');
      await audit.record({
        id: randomUUID(),
        at: new Date().toISOString(),
        actor: caller.bare,
        action: COMMANDS.directoryDelete,
        target: jid,
        before,
        after: null,
      });
      await changes.emit({ before, cause: { actor: caller.bare, action: COMMANDS.directoryDelete } });
      return { kind: 'done', note: `${before.name} is no longer in the directory; their account stays.` };
    },
  };
}
