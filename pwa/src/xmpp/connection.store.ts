// The connection, as the UI sees it: state, who you are, and the last error.
// One Pinia setup store; the XMPP client lives inside it, not in a module global.
import type { WhoAmI } from '@bleep/protocol';
import type { Client, XmlElement } from '@xmpp/client';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { parseWhoAmI, whoamiIq } from '../features/directory/codec.ts';
import { loadConfig, type ServerConfig } from './config.ts';
import { TEXT, userMessage } from './errors.ts';
import { followNetwork, openSession, request, xml, type LinkState } from './session.ts';

export const useConnection = defineStore('connection', () => {
  const state = ref<LinkState>('offline');
  const me = ref<WhoAmI | null>(null);
  const error = ref('');
  const config = ref<ServerConfig | null>(null);
  const serverReachable = ref(true);
  const xmpp = shallowRef<Client | null>(null);
  let unfollow = () => {};
  /** Features that need the session register here; each runs whenever it is (again) usable. */
  const readyHooks: ((client: Client, config: ServerConfig) => void)[] = [];
  const stanzaHooks: ((stanza: XmlElement) => void)[] = [];
  const onReady = (hook: (client: Client, config: ServerConfig) => void) => readyHooks.push(hook);
  const onStanza = (hook: (stanza: XmlElement) => void) => stanzaHooks.push(hook);
  /** Features forget the signed-out user's data here (a shared ward device). */
  const logoutHooks: (() => void)[] = [];
  /** XEP-0198 outcomes for stanzas features sent: 'ack' (kept by the server) or 'fail' (never acknowledged). */
  const smHooks: ((outcome: 'ack' | 'fail', stanza: XmlElement) => void)[] = [];
  const onDelivery = (hook: (outcome: 'ack' | 'fail', stanza: XmlElement) => void) => smHooks.push(hook);
  const resumeHooks: (() => void)[] = [];
  const onResumed = (hook: () => void) => resumeHooks.push(hook);
  const onLogout = (hook: () => void) => logoutHooks.push(hook);

  async function init(): Promise<void> {
    const loaded = await loadConfig();
    config.value = loaded?.config ?? null;
    serverReachable.value = loaded?.fresh ?? false;
    if (!loaded) error.value = TEXT.noConfig;
    else if (!loaded.fresh) error.value = TEXT.unreachable;
  }

  async function whoami(client: Client, opsHost: string): Promise<void> {
    try {
      const answer = parseWhoAmI(await request(client, whoamiIq(opsHost)));
      if (answer instanceof Error) error.value = answer.message;
      else me.value = answer;
    } catch {
      error.value = 'The Bleep service did not answer. Your messages still work; try again later.';
    }
  }

  async function login(username: string, password: string): Promise<boolean> {
    error.value = '';
    if (!config.value || !serverReachable.value) await init();
    const c = config.value;
    if (!c || !serverReachable.value) {
      state.value = 'offline';
      return false;
    }
    const user = username.trim().replace(new RegExp(`@${c.domain.replace(/\./g, '\\.')}$`, 'i'), '');
    state.value = 'connecting';
    const client = openSession(c, user, password, {
      state: (s) => (state.value = s),
      ready: () => {
        void client.send(xml('presence'));
        // Directed presence to the component: live directory updates (protocol/README.md).
        void client.send(xml('presence', { to: c.opsHost }));
        void whoami(client, c.opsHost);
        for (const hook of readyHooks) hook(client, c);
      },
      resumed: () => resumeHooks.forEach((hook) => hook()),
      acked: (stanza) => smHooks.forEach((hook) => hook('ack', stanza)),
      failed: (stanza) => smHooks.forEach((hook) => hook('fail', stanza)),
    });
    client.on('stanza', (el) => stanzaHooks.forEach((hook) => hook(el)));
    unfollow = followNetwork(client, { state: (s) => (state.value = s) });
    xmpp.value = client;
    try {
      await client.start();
      return true;
    } catch (err) {
      error.value = userMessage(err);
      xmpp.value = null;
      unfollow();
      await client.stop().catch(() => {});
      state.value = 'offline';
      return false;
    }
  }

  async function logout(): Promise<void> {
    const client = xmpp.value;
    xmpp.value = null;
    unfollow();
    me.value = null;
    error.value = '';
    await client?.stop().catch(() => {});
    for (const hook of logoutHooks) hook();
    state.value = 'offline';
  }

  const signedIn = () => xmpp.value !== null;

  return {
    state,
    me,
    error,
    config,
    serverReachable,
    xmpp,
    init,
    login,
    logout,
    signedIn,
    onReady,
    onStanza,
    onLogout,
    onDelivery,
    onResumed,
  };
});
