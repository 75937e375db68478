// The connection, as the UI sees it: state, who you are, and the last error.
// One Pinia setup store; the XMPP client lives inside it, not in a module global.
// Features hook in (onReady, onStanza, …); this folder imports none of them.
import type { WhoAmI } from '@bleep/protocol';
import type { Client, XmlElement } from '@xmpp/client';
import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { loadConfig, serviceUrl, type ServerConfig } from './config.ts';
import { deviceId, forgetSignIn, isFresh, loadSignIn, saveSignIn } from './device.ts';
import { TEXT, userMessage } from './errors.ts';
import { keepTrying, type KeepTrying } from './retry.ts';
import { revokeToken } from './revoke.ts';
import { followNetwork, openSession, xml, type LinkState } from './session.ts';

/** The longest sign-out waits for what features tell the server (a server that does not answer must not keep anyone signed in). */
const SIGNING_OUT_MS = 4000;
/**
 * The longest a sign-out or a refused token waits for the stream to close politely. A link that is
 * already gone (the device went offline) would otherwise wait for the client's whole timeout twice,
 * for the server's </stream> and then for the socket's close: 30 s on the sign-out page, with what
 * the person left unsent not yet discarded.
 */
const CLOSING_MS = 2000;

/** Waits for `work`, or `ms` at most; the work goes on in the background either way. */
const atMost = (work: Promise<unknown>, ms: number) =>
  Promise.race([work, new Promise((resolve) => setTimeout(resolve, ms))]);

export const useConnection = defineStore('connection', () => {
  const state = ref<LinkState>('offline');
  /** The signed-in account's bare JID, from the start of a sign-in until it ends. */
  const account = ref('');
  /** Who the user is (name, roles, department): set by the session feature (whoami). */
  const me = ref<WhoAmI | null>(null);
  const error = ref('');
  /** A passing condition the app shows under its top bar, e.g. that it is retrying a server it cannot reach. */
  const notice = ref('');
  const config = ref<ServerConfig | null>(null);
  const serverReachable = ref(true);
  const xmpp = shallowRef<Client | null>(null);
  /**
   * A saved token is about to sign this device in (a reload), or will as soon
   * as the server answers: show the app, not the login page.
   */
  const restoring = ref(loadSignIn() !== undefined);
  /** Streams this sign-in opened afresh, and streams it resumed (XEP-0198); shown on the badge. */
  const streams = ref(0);
  const resumes = ref(0);
  let unfollow = () => {};
  /** Features that need the session register here; each runs whenever it is (again) usable. */
  const readyHooks: ((client: Client, config: ServerConfig) => void)[] = [];
  const stanzaHooks: ((stanza: XmlElement) => void)[] = [];
  const onReady = (hook: (client: Client, config: ServerConfig) => void) => readyHooks.push(hook);
  const onStanza = (hook: (stanza: XmlElement) => void) => stanzaHooks.push(hook);
  /** Features forget the signed-out account's data here (a shared ward device); '' if it never got that far. */
  const logoutHooks: ((account: string) => void)[] = [];
  /** XEP-0198 outcomes for stanzas features sent: 'ack' (kept by the server) or 'fail' (never acknowledged). */
  const smHooks: ((outcome: 'ack' | 'fail', stanza: XmlElement) => void)[] = [];
  const onDelivery = (hook: (outcome: 'ack' | 'fail', stanza: XmlElement) => void) => smHooks.push(hook);
  const resumeHooks: (() => void)[] = [];
  const onResumed = (hook: () => void) => resumeHooks.push(hook);
  const onLogout = (hook: (account: string) => void) => logoutHooks.push(hook);
  /** What features still tell the server at sign-out, while the session is up (push: disable); bounded in time. */
  const signingOutHooks: (() => Promise<void>)[] = [];
  const onSigningOut = (hook: () => Promise<void>) => signingOutHooks.push(hook);
  function ended(): void {
    const who = account.value;
    account.value = '';
    logoutHooks.forEach((hook) => hook(who));
  }
  /** The app is signed out without the user asking (token refused or expired): show the login page. */
  const endedHooks: (() => void)[] = [];
  const onEnded = (hook: () => void) => endedHooks.push(hook);

  async function init(): Promise<void> {
    const loaded = await loadConfig();
    config.value = loaded?.config ?? null;
    serverReachable.value = loaded?.fresh ?? false;
    if (!loaded) error.value = TEXT.noConfig;
    else if (!loaded.fresh) error.value = TEXT.unreachable;
  }

  /**
   * One sign-in with this device's saved token: 'online'; 'ended' when there is
   * no token the server takes (the login page then says why); 'unreachable'
   * when the server did not answer, and the token is kept for the next try.
   */
  async function resume(): Promise<'online' | 'ended' | 'unreachable'> {
    const saved = loadSignIn();
    if (!saved) return 'ended';
    if (!isFresh(saved)) {
      forgetSignIn();
      error.value = TEXT.signInExpired;
      // As a refused token: what that account left on this device goes.
      if (config.value) account.value = `${saved.username}@${config.value.domain}`.toLowerCase();
      ended();
      return 'ended';
    }
    if (!serverReachable.value) await init();
    if (serverReachable.value && (await open(saved.username))) return 'online';
    return loadSignIn() ? 'unreachable' : 'ended'; // refused: open() forgot it
  }

  /** The restore is over, one way or the other. */
  function restored(outcome: 'online' | 'ended'): void {
    restoring.value = false;
    notice.value = '';
    if (outcome === 'online') error.value = '';
    else endedHooks.forEach((hook) => hook());
  }

  let retrying: KeepTrying | undefined;
  /** Reloaded while the server is down: stay in the app, offline, and sign in when it answers. */
  function retryUntilReachable(): void {
    const offline = () => {
      state.value = 'offline';
      notice.value = TEXT.retrying;
      error.value = ''; // not the failed try's reason: it is not over
    };
    offline();
    retrying = keepTrying(async () => {
      const outcome = await resume();
      if (outcome === 'unreachable') {
        offline();
        return false;
      }
      retrying = undefined;
      restored(outcome);
      return true;
    });
  }

  /** At app start: the server's settings, then this device's saved sign-in, if any. */
  async function start(): Promise<void> {
    await init();
    if (!restoring.value) return;
    const outcome = await resume();
    if (outcome === 'unreachable') retryUntilReachable();
    else restored(outcome);
  }

  /** Stops the client and forgets the session here; the caller says why. */
  async function teardown(): Promise<void> {
    const client = xmpp.value;
    xmpp.value = null;
    unfollow();
    me.value = null;
    client?.reconnect.stop();
    if (client)
      await atMost(
        client.stop().catch(() => {}),
        CLOSING_MS,
      );
    state.value = 'offline';
  }

  /** The server refused this device's token (or it expired), or an admin ended the session: back to the password, once. */
  async function signInEnded(client: Client, why: string = TEXT.signInExpired): Promise<void> {
    if (xmpp.value !== client) return;
    await teardown();
    error.value = why;
    ended();
    if (!restoring.value) endedHooks.forEach((hook) => hook()); // else start() does, once
  }

  /** Opens a session: with the password the user typed, or else with this device's token. */
  async function open(user: string, password?: string): Promise<boolean> {
    const c = config.value!;
    state.value = 'connecting';
    account.value = `${user}@${c.domain}`.toLowerCase();
    streams.value = 0;
    resumes.value = 0;
    const client = openSession(
      c,
      { username: user, password, token: () => loadSignIn() },
      {
        state: (s) => (state.value = s),
        ready: () => {
          streams.value++;
          void client.send(xml('presence'));
          // Directed presence to the component: live directory updates (protocol/README.md).
          void client.send(xml('presence', { to: c.opsHost }));
          for (const hook of readyHooks) hook(client, c);
        },
        resumed: () => {
          resumes.value++;
          resumeHooks.forEach((hook) => hook());
        },
        acked: (stanza) => smHooks.forEach((hook) => hook('ack', stanza)),
        failed: (stanza) => smHooks.forEach((hook) => hook('fail', stanza)),
        tokenIssued: (t) => saveSignIn({ username: user, mechanism: t.mechanism, token: t.token, expiry: t.expiry }),
        tokenRefused: (over) => {
          forgetSignIn();
          if (over) void signInEnded(client);
        },
        endedByAdmin: (why) => {
          forgetSignIn();
          void signInEnded(client, why);
        },
      },
    );
    client.on('stanza', (el) => stanzaHooks.forEach((hook) => hook(el)));
    unfollow = followNetwork(client, { state: (s) => (state.value = s) });
    xmpp.value = client;
    try {
      await client.start();
      return true;
    } catch (err) {
      if (xmpp.value !== client) return false; // already ended (token refused)
      await teardown();
      error.value = userMessage(err);
      return false;
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
    // A typed password starts afresh: the server issues this device a new token.
    forgetSignIn();
    const user = username.trim().replace(new RegExp(`@${c.domain.replace(/\./g, '\\.')}$`, 'i'), '');
    return open(user, password);
  }

  async function logout(): Promise<void> {
    // What features tell the server (push off, …) can only go over a live link; offline, they do their local part.
    const telling = Promise.allSettled(xmpp.value ? signingOutHooks.map((hook) => hook()) : []);
    if (state.value === 'online') await atMost(telling, SIGNING_OUT_MS);
    const saved = loadSignIn();
    forgetSignIn();
    retrying?.stop();
    retrying = undefined;
    restoring.value = false;
    notice.value = '';
    error.value = '';
    await teardown();
    ended();
    const c = config.value;
    if (saved && c) await revokeToken({ service: serviceUrl(c), domain: c.domain, deviceId: deviceId() }, saved);
  }

  const signedIn = () => xmpp.value !== null || restoring.value;

  return {
    state,
    account,
    me,
    error,
    notice,
    config,
    serverReachable,
    xmpp,
    streams,
    resumes,
    init,
    start,
    login,
    logout,
    signedIn,
    onReady,
    onStanza,
    onLogout,
    onSigningOut,
    onDelivery,
    onResumed,
    onEnded,
  };
});
