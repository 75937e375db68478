// Admin → Accounts: the server's accounts (the accounts command: disabled or
// not) beside the directory's entries; disabling, enabling and deleting one,
// and setting a new password. Only the server's admins may (the component
// refuses anyone else, saying so).
import { ACCOUNT_COMMANDS, ACCOUNT_FIELDS as A } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { useDirectory } from '../directory/directory.store.ts';
import { commandIq, refusalText } from '../forms/command.ts';
import { useCommands } from '../forms/run.ts';
import { parseAccounts, parseDevices, type Device } from './codec.ts';
import { useComplete } from './complete.ts';

export interface AccountRow {
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department: string;
  readonly online: boolean;
  /** On the server: enabled, disabled, or none (a directory entry without an account); unknown until listed (server admins only). */
  readonly account: 'enabled' | 'disabled' | 'none' | 'unknown';
}

export const useAccounts = defineStore('admin-accounts', () => {
  const connection = useConnection();
  const directory = useDirectory();
  const run = useCommands();
  const complete = useComplete();
  /** From the server: bare JID → disabled. */
  const server = ref(new Map<string, boolean>());
  /** Why the server's accounts could not be listed ('' when they were). */
  const error = ref('');
  /** Listed: this is one of the server's admins (they alone may list accounts, and change server settings). */
  const listed = ref(false);

  async function load(): Promise<void> {
    try {
      const list = parseAccounts(await run((ops) => commandIq(ops, ACCOUNT_COMMANDS.accounts, 'execute')));
      if (list instanceof Error) throw list;
      server.value = list;
      listed.value = true;
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
      .map((jid): AccountRow => {
        const e = byJid.get(jid);
        return {
          jid,
          name: e?.name || jid.split('@')[0]!,
          roles: e?.roles ?? [],
          department: e?.department ?? '',
          online: e?.online ?? false,
          account: !listed.value
            ? 'unknown'
            : !server.value.has(jid)
              ? 'none'
              : server.value.get(jid)
                ? 'disabled'
                : 'enabled',
        };
      })
      .sort((a, b) => a.name.localeCompare(b.name));
  });

  /** The server's note on an account command. */
  const account = async (node: string, values: Record<string, string>) =>
    (await complete(node, values, 'Nothing changed. Try again.')).note;

  /** The devices the account signed in from, latest first; throws the refusal in words. */
  async function devices(jid: string): Promise<Device[]> {
    const list = parseDevices(
      await complete(ACCOUNT_COMMANDS.accountDevices, { [A.jid]: jid }, 'The devices could not be listed.'),
    );
    if (list instanceof Error) throw list;
    return list;
  }

  /** Signs one device of the account out (a lost phone): its sessions end, its sign-in tokens stop working. */
  const signOutDevice = (jid: string, device: string) =>
    account(ACCOUNT_COMMANDS.deviceSignout, { [A.jid]: jid, [A.device]: device });

  /** Disables or enables an account (the person is signed out everywhere at once). */
  async function setDisabled(jid: string, disabled: boolean): Promise<string> {
    const node = disabled ? ACCOUNT_COMMANDS.accountDisable : ACCOUNT_COMMANDS.accountEnable;
    const note = await account(node, { [A.jid]: jid });
    server.value = new Map(server.value).set(jid, disabled);
    return note;
  }

  /** Deletes an account on the server; the person leaves the staff directory and their department room too. */
  async function remove(jid: string): Promise<string> {
    const note = await account(ACCOUNT_COMMANDS.accountDelete, { [A.jid]: jid });
    const left = new Map(server.value);
    left.delete(jid);
    server.value = left;
    return note;
  }

  const setPassword = (jid: string, password: string) =>
    account(ACCOUNT_COMMANDS.accountPassword, { [A.jid]: jid, [A.password]: password });

  connection.onLogout(() => {
    server.value = new Map();
    listed.value = false;
    error.value = '';
  });

  return { rows, error, listed, load, setDisabled, remove, setPassword, devices, signOutDevice };
});
