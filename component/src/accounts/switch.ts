// account-disable and account-enable: a server admin names an account; Prosody
// disables it (every session ended, sign-in tokens deleted, sign-in refused) or
// enables it again. Each is kept in the audit record: who, when, which
// account, disabled before → after.
import { ACCOUNT_COMMANDS } from '@bleep/protocol';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { ACCOUNT_FORM } from './forms.ts';
import type { ProsodyAccounts } from './prosody.ts';
import { recordChange, targetOf } from './target.ts';

type Action = 'disable' | 'enable';

const NODES = { disable: ACCOUNT_COMMANDS.accountDisable, enable: ACCOUNT_COMMANDS.accountEnable } as const;
const NAMES = { disable: 'Disable an account', enable: 'Enable an account' } as const;
// An admin who disabled themselves would be signed out with nobody left to undo it from here.
const NOT_OWN = 'You cannot disable your own account. Ask another admin if it must be.';

export function switchCommand(action: Action, prosody: ProsodyAccounts, audit: AuditStore, domain: string): Command {
  return {
    node: NODES[action],
    name: NAMES[action],
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: ACCOUNT_FORM, last: true };
      const target = targetOf(input!, domain, caller, action === 'disable' ? NOT_OWN : undefined);
      const result = action === 'disable' ? await prosody.disable(target.user) : await prosody.enable(target.user);
      await recordChange(
        audit,
        caller,
        NODES[action],
        target,
        { disabled: result.was },
        { disabled: action === 'disable' },
      );
      const note =
        action === 'disable'
          ? `${target.jid} is disabled: signed out everywhere (${result.ended} session${result.ended === 1 ? '' : 's'} ended) and cannot sign in until an admin enables the account.`
          : `${target.jid} is enabled: they can sign in again.`;
      return { kind: 'done', note };
    },
  };
}
