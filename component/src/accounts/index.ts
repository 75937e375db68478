// Accounts wiring (issue #13): server admins list the server's accounts,
// disable and enable them (prosody.ts, our Prosody module), delete them and set
// new passwords (xep0133.ts, Prosody's admin commands). Once a day, expired
// sign-in tokens that devices never presented again are deleted (mod_bleep_accounts).
import { ACCOUNT_COMMANDS, ACCOUNT_FIELDS as F } from '@bleep/protocol';
import { daily } from '../scheduler/daily.ts';
import type { Service } from '../service.ts';
import { deleteCommand } from './delete.ts';
import { devicesCommand, signOutCommand } from './devices.ts';
import { ACCOUNTS_TABLE } from './forms.ts';
import { passwordCommand } from './password.ts';
import { ProsodyAccounts } from './prosody.ts';
import { switchCommand } from './switch.ts';

export const TOKENS_SWEEP = 'sign-in-tokens-sweep';

export const accountsService: Service = {
  name: 'accounts',
  register({ config, store, commands, iq, changes, scheduler, log }) {
    const prosody = new ProsodyAccounts(iq, config.domain);
    // A failure (Prosody away) throws: the scheduler tries again later.
    const sweep = daily(scheduler, TOKENS_SWEEP, async () => {
      const swept = await prosody.sweepTokens();
      if (swept) log.info({ swept }, 'expired sign-in tokens deleted');
    });

    commands.add({
      node: ACCOUNT_COMMANDS.accounts,
      name: 'Accounts',
      permission: 'server-admin',
      run: async () => ({
        kind: 'done',
        form: ACCOUNTS_TABLE,
        rows: (await prosody.list())
          .map((a) => ({ [F.jid]: `${a.user}@${config.domain}`, [F.disabled]: a.disabled }))
          .sort((a, b) => a[F.jid].localeCompare(b[F.jid])),
      }),
    });
    commands.add(switchCommand('disable', prosody, store.audit, config.domain));
    commands.add(switchCommand('enable', prosody, store.audit, config.domain));
    commands.add(deleteCommand({ iq, audit: store.audit, directory: store.directory, changes, domain: config.domain }));
    commands.add(passwordCommand(iq, store.audit, config.domain));
    commands.add(devicesCommand(prosody, config.domain));
    commands.add(signOutCommand(prosody, store.audit, config.domain));
    return sweep;
  },
};
