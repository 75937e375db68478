// account-password: a server admin sets a new password for an account with
// Prosody's XEP-0133 change-user-password (a person who forgot theirs, a
// stolen phone, a leaked password). Prosody then signs the person out
// everywhere, sessions and sign-in tokens, as disabling does
// (mod_bleep_accounts.lua). The password is never logged nor audited: the
// record says only that it was set.
import { ACCOUNT_COMMANDS, ACCOUNT_FIELDS as F, PASSWORD_MIN } from '@bleep/protocol';
import { displayProblem } from '../directory/validate.ts';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import type { IqCaller } from '../xmpp/iq-caller.ts';
import { PASSWORD_FORM } from './forms.ts';
import { recordChange, targetOf } from './target.ts';
import { ADMIN_NODES, runAdminCommand } from './xep0133.ts';

export function passwordCommand(iq: IqCaller, audit: AuditStore, domain: string): Command {
  return {
    node: ACCOUNT_COMMANDS.accountPassword,
    name: 'Set a new password',
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: PASSWORD_FORM, last: true };
      const target = targetOf(input!, domain, caller, undefined);
      const password = String(input![F.password] ?? '');
      if ([...password].length < PASSWORD_MIN)
        throw new BleepError('bad-form', `New password: at least ${PASSWORD_MIN} characters.`);
      const why = displayProblem(password);
      if (why) throw new BleepError('bad-form', `New password: ${why}.`);
      const done = await runAdminCommand(iq, domain, ADMIN_NODES.changeUserPassword, {
        accountjid: [target.jid],
        password: [password],
      });
      if (!done.ok) throw new BleepError('unknown-account');
      await recordChange(
        audit,
        caller,
        ACCOUNT_COMMANDS.accountPassword,
        target,
        { password: 'previous' },
        { password: 'new, set by an admin' },
      );
      return {
        kind: 'done',
        note: `${target.jid} has a new password: signed out everywhere, and the sign-in tokens of before no longer work. Give it to them in person.`,
      };
    },
  };
}
