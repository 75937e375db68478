// Push for this device (issue #12): once notifications are allowed, the
// browser's Web Push subscription is registered with the component and push
// is enabled on the account (XEP-0357), at every session start (the same
// subscription again is kept once). Signing out disables it and removes the
// subscription, before the session ends.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import {
  disableIq,
  enableIq,
  formTypeOf,
  parseRegistered,
  parseVapidKey,
  registerExecuteIq,
  registerSubmitIq,
  sessionOf,
  unregisterExecuteIq,
  unregisterSubmitIq,
} from './codec.ts';

const KEY = 'bleep.push';
const b64url = (b: ArrayBuffer | null) =>
  b
    ? btoa(String.fromCharCode(...new Uint8Array(b)))
        .replace(/\+/g, '-')
        .replace(/\//g, '_')
        .replace(/=+$/, '')
    : '';
const fromB64url = (s: string) =>
  Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

interface Saved {
  readonly account: string;
  readonly endpoint: string;
  readonly jid: string;
  readonly node: string;
}
const load = (): Saved | undefined => {
  try {
    return JSON.parse(localStorage.getItem(KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
};

export const usePush = defineStore('push', () => {
  const connection = useConnection();
  const supported = typeof navigator !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window;
  /** Why push is off on this device, in words ('' when on or not tried). */
  const problem = ref('');
  const on = ref(false);

  async function enable(): Promise<void> {
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    if (!supported || !client || !ops || Notification.permission !== 'granted') return;
    try {
      const reg = await navigator.serviceWorker.ready;
      const first = await request(client, registerExecuteIq(ops));
      const key = parseVapidKey(first);
      if (key instanceof Error) throw key;
      const sub =
        (await reg.pushManager.getSubscription()) ??
        (await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: fromB64url(key) }));
      let saved = load();
      if (saved?.account !== connection.account || saved.endpoint !== sub.endpoint) {
        const s = { endpoint: sub.endpoint, p256dh: b64url(sub.getKey('p256dh')), auth: b64url(sub.getKey('auth')) };
        const where = parseRegistered(await request(client, registerSubmitIq(ops, sessionOf(first), s)));
        if (where instanceof Error) throw where;
        saved = { account: connection.account, endpoint: sub.endpoint, ...where };
        localStorage.setItem(KEY, JSON.stringify(saved));
      }
      await request(client, enableIq(saved.jid, saved.node));
      on.value = true;
      problem.value = '';
    } catch (err) {
      on.value = false;
      problem.value = `Push is off on this device: ${(err as Error).message}`;
    }
  }

  async function disable(): Promise<void> {
    const saved = load();
    localStorage.removeItem(KEY);
    on.value = false;
    const client = connection.xmpp;
    const ops = connection.config?.opsHost;
    if (!saved || !client || !ops) return;
    await request(client, disableIq(saved.jid, saved.node), 3000).catch(() => {});
    const first = await request(client, unregisterExecuteIq(ops), 3000).catch(() => undefined);
    if (first)
      await request(client, unregisterSubmitIq(ops, sessionOf(first), formTypeOf(first), saved.endpoint), 3000).catch(
        () => {},
      );
    const reg = await navigator.serviceWorker?.getRegistration();
    await (await reg?.pushManager.getSubscription())?.unsubscribe().catch(() => false);
  }

  connection.onReady(() => void enable());
  connection.onSigningOut(() => disable());
  return { supported, on, problem, enable, disable };
});
