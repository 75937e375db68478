// account-delete: a server admin deletes an account with Prosody's XEP-0133
// delete-user. Prosody signs the person out ("Account deleted") and removes
// all it kept for the account (usermanager.delete_user). The person then
// leaves the staff directory too (and so their roles), and the services that
// follow it hear so: their department room drops them (rooms/departments.ts).
// Kept in the audit record.
import { ACCOUNT_COMMANDS } from '@bleep/protocol';
import type { DirectoryChanges } from '../directory/changes.ts';
import type { AuditStore, DirectoryStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { ACCOUNT_FORM } from './forms.ts';
import { recordChange, targetOf } from './target.ts';
import { ADMIN_NODES, runAdminCommand } from './xep0133.ts';

const NOT_OWN = 'You cannot delete your own account. Ask another admin if it must be.';

export interface DeleteDeps {
  readonly iq: IqCaller;
  readonly audit: AuditStore;
  readonly directory: DirectoryStore;
  readonly changes: DirectoryChanges;
  readonly domain: string;
}

export function deleteCommand({ iq, audit, directory, changes, domain }: DeleteDeps): Command {
  return {
    node: ACCOUNT_COMMANDS.accountDelete,
    name: 'Delete an account',
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: ACCOUNT_FORM, last: true };
      const target = targetOf(input!, domain, caller, NOT_OWN);
      const done = await runAdminCommand(iq, domain, ADMIN_NODES.deleteUser, { accountjids: [target.jid] });
      // mod_admin_adhoc lists what it deleted and what it could not (an unknown account).
      if (!done.ok || !done.text.includes('successfully deleted')) throw new BleepError('unknown-account');
      const entry = await directory.remove(target.jid);
      if (entry)
        await changes.emit({ before: entry, cause: { actor: caller.bare, action: ACCOUNT_COMMANDS.accountDelete } });
      await recordChange(
        audit,
        caller,
        ACCOUNT_COMMANDS.accountDelete,
        target,
        { account: 'exists' },
        { account: 'deleted' },
      );
      return {
        kind: 'done',
        note: `${target.jid} is deleted: signed out, and its account and data are gone from the server.`,
      };
    },
  };
}
