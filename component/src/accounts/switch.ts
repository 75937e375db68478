// account-disable and account-enable: a server admin names an account; Prosody
// disables it (every session ended, sign-in tokens deleted, sign-in refused) or
// enables it again. Each is kept in the audit record: who, when, which
// account, disabled before → after.
import { randomUUID } from 'node:crypto';
import { ACCOUNT_COMMANDS, ACCOUNT_FIELDS as F } from '@bleep/protocol';
import { accountProblem, canonicalJid } from '../directory/validate.ts';
import type { AuditStore } from '../store/types.ts';
import type { Command } from '../xmpp/adhoc.ts';
import { BleepError } from '../xmpp/errors.ts';
import { ACCOUNT_FORM } from './forms.ts';
import type { ProsodyAccounts } from './prosody.ts';

type Action = 'disable' | 'enable';

const NODES = { disable: ACCOUNT_COMMANDS.accountDisable, enable: ACCOUNT_COMMANDS.accountEnable } as const;
const NAMES = { disable: 'Disable an account', enable: 'Enable an account' } as const;

export function switchCommand(action: Action, prosody: ProsodyAccounts, audit: AuditStore, domain: string): Command {
  return {
    node: NODES[action],
    name: NAMES[action],
    permission: 'server-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: ACCOUNT_FORM, last: true };
      const given = String(input![F.jid]);
      const problem = accountProblem(given, domain);
      if (problem) throw new BleepError('bad-form', `Address: ${problem}.`);
      const jid = canonicalJid(given);
      // An admin who disabled themselves would be signed out with nobody left to undo it from here.
      if (action === 'disable' && jid === caller.bare)
        throw new BleepError('bad-form', 'You cannot disable your own account. Ask another admin if it must be.');
      const user = jid.slice(0, jid.indexOf('@'));
      const result = action === 'disable' ? await prosody.disable(user) : await prosody.enable(user);
      await audit.record({
        id: randomUUID(),
        at: new Date().toISOString(),
        actor: caller.bare,
        action: NODES[action],
        target: jid,
        before: { disabled: result.was },
        after: { disabled: action === 'disable' },
      });
      const note =
        action === 'disable'
          ? `${jid} is disabled: signed out everywhere (${result.ended} session${result.ended === 1 ? '' : 's'} ended) and cannot sign in until an admin enables the account.`
          : `${jid} is enabled: they can sign in again.`;
      return { kind: 'done', note };
    },
  };
}
