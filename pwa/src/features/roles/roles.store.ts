// Writing to a role ("on-duty anaesthetist"): the component finds who holds it
// on duty, and the sender continues with the person reached.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { useMessages } from '../messages/index.ts';
import { useDirectory } from '../directory/index.ts';
import { parseReached, parseRoleError, type Reached } from './codec.ts';

export const useRoles = defineStore('roles', () => {
  const connection = useConnection();
  const directory = useDirectory();
  const messages = useMessages();
  const reached = ref<Reached | null>(null);
  const error = ref('');
  const busy = ref(false);
  let waitingFor = '';

  /** Roles someone in the directory holds, for the picker. */
  const known = computed(() => [...new Set(directory.entries.flatMap((e) => e.roles))].sort());

  connection.onStanza((el) => {
    const ops = connection.config?.opsHost;
    if (!ops) return;
    const r = parseReached(el, ops);
    if (r && r.inReplyTo === waitingFor) {
      reached.value = r;
      busy.value = false;
    }
    const e = parseRoleError(el, ops);
    if (e && e.id === waitingFor) {
      error.value = e.text;
      busy.value = false;
    }
  });
  connection.onLogout(() => {
    reached.value = null;
    error.value = '';
  });

  async function send(role: string, text: string): Promise<void> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    reached.value = null;
    error.value = '';
    if (!client || !ops || connection.state !== 'online') {
      error.value =
        'You are offline. A message to a role is sent when you are online, so that it reaches whoever is on duty then.';
      return;
    }
    waitingFor = crypto.randomUUID();
    busy.value = true;
    const to = { jid: `${role.trim().toLowerCase()}@${ops}`, type: 'chat' as const };
    await client.send(await messages.compose(to, { kind: 'text', body: text.trim() }, waitingFor));
  }

  return { known, reached, error, busy, send };
});
