// Admin → Accounts: the server's accounts (the accounts command: disabled or
// not) beside the directory's entries, and disabling or enabling one. Only
// the server's admins may (the component refuses anyone else, saying so).
import { ACCOUNT_COMMANDS, ACCOUNT_FIELDS as A } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { useDirectory } from '../directory/directory.store.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { submitForm } from '../forms/dataform.ts';
import { useCommands } from '../forms/run.ts';
import { parseAccounts } from './codec.ts';

export interface AccountRow {
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly online: boolean;
  /** undefined: the server's list is not known here (not a server admin, or not loaded). */
  readonly disabled: boolean | undefined;
}

export const useAccounts = defineStore('admin-accounts', () => {
  const connection = useConnection();
  const directory = useDirectory();
  const run = useCommands();
  /** From the server: bare JID → disabled. */
  const server = ref(new Map<string, boolean>());
  /** Why the server's accounts could not be listed ('' when they were). */
  const error = ref('');

  async function load(): Promise<void> {
    try {
      const list = parseAccounts(await run((ops) => commandIq(ops, ACCOUNT_COMMANDS.accounts, 'execute')));
      if (list instanceof Error) throw list;
      server.value = list;
      error.value = '';
    } catch (err) {
      error.value = refusalText(err, 'The accounts could not be listed. Try again.');
    }
  }

  /** Every account the directory or the server knows, by name. */
  const rows = computed<AccountRow[]>(() => {
    const byJid = new Map(directory.entries.map((e) => [e.jid, e]));
    const jids = new Set([...byJid.keys(), ...server.value.keys()]);
    return [...jids]
      .map((jid) => {
        const e = byJid.get(jid);
        return {
          jid,
          name: e?.name || jid.split('@')[0]!,
          roles: e?.roles ?? [],
          department: e?.department ?? '',
          online: e?.online ?? false,
          disabled: server.value.get(jid),
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  /** Disables or enables an account: the server's note, or throws its refusal in words. */
  async function setDisabled(jid: string, disabled: boolean): Promise<string> {
    const node = disabled ? ACCOUNT_COMMANDS.accountDisable : ACCOUNT_COMMANDS.accountEnable;
    try {
      const step = await run((ops) => commandIq(ops, node, 'execute'));
      const done = await run((ops) =>
        commandIq(ops, node, 'complete', step.sessionid, submitForm(step.form!, { [A.jid]: [jid] })),
      );
      server.value = new Map(server.value).set(jid, disabled);
      return done.note;
    } catch (err) {
      throw new Error(refusalText(err, 'Nothing changed. Try again.'), { cause: err });
    }
  }

  connection.onLogout(() => {
    server.value = new Map();
    error.value = '';
  });

  return { rows, error, load, setDisabled };
});
