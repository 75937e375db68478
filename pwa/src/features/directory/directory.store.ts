// Colleagues from the component's directory, kept live by its updates.
import type { DirectoryListing } from '@bleep/protocol';
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { request } from '../../xmpp/session.ts';
import { useConnection } from '../../xmpp/connection.store.ts';
import { refusalText } from '../forms/command.ts';
import {
  directoryExecuteIq,
  directorySearchIq,
  dutyExecuteIq,
  dutySubmitIq,
  parseDirectory,
  parseDirectoryUpdate,
  sessionOf,
} from './codec.ts';
import { APP_NAME } from '../../ui/app-name.ts';
import { matches } from './search.ts';

export const useDirectory = defineStore('directory', () => {
  const connection = useConnection();
  const entries = ref<DirectoryListing[]>([]);
  const query = ref('');
  const error = ref('');
  /** The directory has answered once since sign-in: an address not in `entries` now is nobody's in it. */
  const loaded = ref(false);

  async function refresh(): Promise<void> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    if (!client || !ops) return;
    try {
      const first = await request(client, directoryExecuteIq(ops));
      const result = parseDirectory(await request(client, directorySearchIq(ops, sessionOf(first), '')));
      if (result instanceof Error) error.value = result.message;
      else [entries.value, error.value, loaded.value] = [result, '', true];
    } catch {
      error.value = 'The directory is not answering. Try again in a moment.';
    }
  }

  connection.onReady(() => void refresh());
  connection.onLogout(() => {
    entries.value = [];
    loaded.value = false;
    query.value = '';
    dutyError.value = '';
  });
  connection.onStanza((el) => {
    const update = connection.config && parseDirectoryUpdate(el, connection.config.opsHost);
    if (!update) return;
    const jid = 'removed' in update ? update.removed : update.entry.jid;
    const i = entries.value.findIndex((e) => e.jid === jid);
    if ('removed' in update) {
      if (i >= 0) entries.value.splice(i, 1);
    } else if (i >= 0) entries.value.splice(i, 1, update.entry);
    else entries.value.push(update.entry);
  });

  /** Everyone but me, on duty first, then by name. */
  const colleagues = computed(() => {
    const me = connection.me?.jid;
    return entries.value
      .filter((e) => e.jid !== me)
      .sort((a, b) => Number(b.onDuty) - Number(a.onDuty) || a.name.localeCompare(b.name));
  });

  /** Search by name, address, role or department, case-insensitively, as the user types. */
  const visible = computed(() => colleagues.value.filter((e) => matches(e, query.value)));

  /** My own duty status, from the directory (kept live by its updates). */
  const onDuty = computed(() => entries.value.find((e) => e.jid === connection.me?.jid)?.onDuty ?? false);

  /** Why the last change of duty did not go ('' once one did): shown by the switch, on every screen. */
  const dutyError = ref('');

  async function setDuty(on: boolean): Promise<void> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    if (!client || !ops || connection.state !== 'online') {
      dutyError.value = 'You are offline, so your duty status did not change. Try again when you are online.';
      return;
    }
    try {
      const first = await request(client, dutyExecuteIq(ops));
      await request(client, dutySubmitIq(ops, sessionOf(first), on));
      dutyError.value = '';
      // Read back, not only pushed: a restarted component has not yet heard this device's presence (live.ts).
      await refresh();
    } catch (err) {
      dutyError.value = refusalText(
        err,
        'Your duty status could not be changed. Are you in the staff directory? Ask an admin.',
      );
    }
  }

  /** The operations service itself (ops.<domain>), not a person: its posts in rooms are the system's. */
  const isSystem = (jid: string) => !!jid && jid === connection.config?.opsHost;
  const nameOf = (jid: string) =>
    isSystem(jid) ? APP_NAME : (entries.value.find((e) => e.jid === jid)?.name ?? jid.split('@')[0]!);

  return { entries, loaded, query, error, dutyError, colleagues, visible, onDuty, refresh, setDuty, nameOf, isSystem };
});
