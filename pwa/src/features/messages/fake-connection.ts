// For unit tests of the stores: a connection store and an XMPP client that
// run no network. Tests drive the hooks (a new stream, a stanza arriving, an
// acknowledgement, sign-out) and read what the stores sent. Wire it in with
//   vi.mock('../../xmpp/connection.store.ts', () => import('./fake-connection.ts'));
import type { Client, XmlElement } from '@xmpp/client';
import { reactive } from 'vue';
import type { ServerConfig } from '../../xmpp/config.ts';

type Hooks = {
  ready: ((c: Client, config: ServerConfig) => void | Promise<void>)[];
  stanza: ((el: XmlElement) => void)[];
  delivery: ((outcome: 'ack' | 'fail', el: XmlElement) => void)[];
  resumed: (() => void)[];
  logout: ((account: string) => void)[];
  signingOut: (() => Promise<void>)[];
};

export const config: ServerConfig = {
  domain: 'h.example',
  websocketPath: '/xmpp-websocket',
  opsHost: 'ops.h.example',
  mucHost: 'conference.h.example',
  shareHost: 'share.bleep.localhost',
  planHost: 'plans.bleep.localhost',
  uploadMaxBytes: 1,
  uploadQuotaBytes: 10,
  mapTileUrl: '',
};

export interface FakeClient extends Client {
  /** Every stanza sent, in order. */
  readonly sent: XmlElement[];
  /** Answers IQs; may push stanzas into the stream first (archive results before their <fin/>). */
  answer: (iq: XmlElement) => XmlElement | Promise<XmlElement>;
}

const hooks: Hooks = { ready: [], stanza: [], delivery: [], resumed: [], logout: [], signingOut: [] };

const state = reactive({
  state: 'offline' as string,
  account: '',
  me: null as unknown,
  error: '',
  config: config as ServerConfig | null,
  xmpp: null as Client | null,
});

const connection = Object.assign(state, {
  onReady: (h: Hooks['ready'][number]) => hooks.ready.push(h),
  onStanza: (h: Hooks['stanza'][number]) => hooks.stanza.push(h),
  onDelivery: (h: Hooks['delivery'][number]) => hooks.delivery.push(h),
  onResumed: (h: Hooks['resumed'][number]) => hooks.resumed.push(h),
  onLogout: (h: Hooks['logout'][number]) => hooks.logout.push(h),
  onSigningOut: (h: Hooks['signingOut'][number]) => hooks.signingOut.push(h),
  onEnded: () => {},
});

export const useConnection = () => connection;

export function fakeClient(account: string): FakeClient {
  const sent: XmlElement[] = [];
  const c = {
    sent,
    jid: { toString: () => `${account}/pwa`, bare: () => ({ toString: () => account }) },
    answer: (iq: XmlElement) => iq,
    send: async (el: XmlElement) => void sent.push(el),
    iqCaller: { request: async (iq: XmlElement) => c.answer(iq) },
  };
  return c as unknown as FakeClient;
}

/** The test's side of the connection. */
export const link = {
  /** Signs `account` in: a fresh stream (XEP-0198 enabled) with this client. */
  async ready(client: FakeClient, account = String(client.jid!.bare())): Promise<void> {
    state.account = account;
    state.xmpp = client;
    state.state = 'online';
    await Promise.all(hooks.ready.map((h) => h(client, config)));
  },
  stanza(el: XmlElement): void {
    hooks.stanza.forEach((h) => h(el));
  },
  ack(el: XmlElement): void {
    hooks.delivery.forEach((h) => h('ack', el));
  },
  resumed(): void {
    state.state = 'online';
    hooks.resumed.forEach((h) => h());
  },
  offline(): void {
    state.state = 'offline';
  },
  /** Before any stream: a reload while the network is down. */
  signingIn(account: string): void {
    state.account = account;
  },
  /** The person signs out: the stores' last words while the stream is up, then logout. */
  async signOut(): Promise<void> {
    await Promise.all(hooks.signingOut.map((h) => h()));
    this.logout();
  },
  logout(): void {
    const account = state.account;
    Object.assign(state, { account: '', xmpp: null, state: 'offline', me: null });
    hooks.logout.forEach((h) => h(account));
  },
  /** Forgets every store's hooks (each test starts a new Pinia). */
  reset(): void {
    for (const list of Object.values(hooks)) list.length = 0;
    Object.assign(state, { account: '', xmpp: null, state: 'offline', me: null, error: '' });
  },
};
