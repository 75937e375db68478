// account-delete: a server admin deletes an account with Prosody's XEP-0133
// delete-user. Prosody signs the person out ("Account deleted") and removes
// all it kept for the account (usermanager.delete_user). The directory entry
// stays until an admin removes it. Kept in the audit record.
import { ACCOUNT_COMMANDS } from '@bleep/protocol';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { ACCOUNT_FORM } from './forms.ts';
import { recordChange, targetOf } from './target.ts';
import { ADMIN_NODES, runAdminCommand } from './xep0133.ts';

const NOT_OWN = 'You cannot delete your own account. Ask another admin if it must be.';

export function deleteCommand(iq: IqCaller, audit: AuditStore, domain: string): Command {
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
