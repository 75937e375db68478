// Converse.js 14 (the npm devDependency, read from node_modules at run time) as
// the peer in send-to-display-peer. Its page is served at the app's own origin
// by Playwright request routing, so nothing changes on the server and its
// WebSocket goes to wss://<app>/xmpp-websocket: the same web proxy, the same
// TLS and the same Prosody WebSocket as Bleep's pages (INTEROP.md).
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { WEBSOCKET_PATH } from '@bleep/pwa/server';
import type { Send } from './display.ts';

const DIST = join(import.meta.dirname, '..', 'node_modules', 'converse.js', 'dist');
const BASE = '/bench-converse/';
const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.wasm': 'application/wasm', // INTEROP.md: the OMEMO library loads it
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
};

/** The element that holds a message's text in Converse's chat view. */
export const CONVERSE_BODY = 'converse-chat-message-body.chat-msg__text';

export interface ConverseAccount {
  readonly jid: string;
  readonly password: string;
}

/**
 * Converse as a user would run it: default settings but for the ones needed
 * to sign in here (INTEROP.md), and a tiny plugin that hands the bench its API.
 * `extra`: settings a caller changes (OMEMO on, for the interop test and send-to-display-omemo).
 */
function indexHtml(origin: string, me: ConverseAccount, extra: object): string {
  const settings = {
    websocket_url: `wss://${new URL(origin).host}${WEBSOCKET_PATH}`,
    discover_connection_methods: false,
    jid: me.jid,
    password: me.password,
    auto_login: true,
    view_mode: 'fullscreen', // one chat filling the window, like Bleep's page
    allow_non_roster_messaging: true, // the two bench accounts are not contacts
    clear_cache_on_logout: false,
    // Converse's own default; send-to-display-omemo and the interop test turn it on. Bleep has OMEMO on
    // by default, so send-to-display-peer compares Bleep encrypting with Converse not (bench/README.md).
    omemo_default: false,
    assets_path: BASE,
    i18n: 'en',
    loglevel: 'error',
    whitelisted_plugins: ['bleep-bench'],
    ...extra,
    // For experiments only, e.g. BENCH_CONVERSE_SETTINGS='{"prune_messages_above":60}'.
    ...(JSON.parse(process.env.BENCH_CONVERSE_SETTINGS ?? '{}') as object),
  };
  const json = JSON.stringify(settings).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Converse (bench peer)</title>
<link rel="stylesheet" href="${BASE}converse.min.css"></head>
<body class="converse-fullscreen">
<script type="module">
import converse from '${BASE}converse.min.js';
converse.plugins.add('bleep-bench', { initialize() { window.__benchConverse = this._converse; } });
converse.initialize(${json});
</script></body></html>`;
}

/** Serves Converse's dist/ and a page signed in as `me` under <origin>/bench-converse/ in this context. */
export async function routeConverse(
  context: BrowserContext,
  origin: string,
  me: ConverseAccount,
  extra: object = {},
): Promise<string> {
  const html = indexHtml(origin, me, extra);
  // A fulfilled response has no address, so Chromium counts the page as public and
  // blocks its WebSocket to the loopback server unless this is granted (INTEROP.md).
  await context.grantPermissions(['local-network-access'], { origin });
  await context.route(`${origin}${BASE}**`, async (route) => {
    const path = new URL(route.request().url()).pathname.slice(BASE.length);
    if (path === 'index.html') return route.fulfill({ contentType: 'text/html', body: html });
    const file = normalize(join(DIST, decodeURIComponent(path)));
    if (!file.startsWith(`${DIST}/`)) return route.fulfill({ status: 404 });
    const body = await readFile(file).catch(() => undefined);
    if (!body) return route.fulfill({ status: 404 });
    return route.fulfill({ body, contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
  return `${origin}${BASE}index.html`;
}

type ConverseWindow = Window & {
  __benchConverse?: {
    api: {
      waitUntil(name: string): Promise<unknown>;
      chats: { open(jid: string, attrs: object, force: boolean): Promise<unknown> };
      connection: { connected(): boolean };
    };
  };
};

/** Loads the page (auto login) and waits for the session; with `omemo`, until its OMEMO keys are published too. */
export async function signInConverse(page: Page, url: string, opts: { omemo?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => (window as ConverseWindow).__benchConverse?.api.connection.connected(), null, {
    timeout: 20_000,
  });
  if (!opts.omemo) return;
  // Converse publishes its device lists and bundle before it says OMEMOInitialized.
  await page.evaluate(() => (window as ConverseWindow).__benchConverse!.api.waitUntil('OMEMOInitialized'));
}

/**
 * Opens the chat with `peer` in a signed-in Converse; with `omemo`, waits until
 * Converse has encryption on in it (it reads the peer's device list when the chat opens).
 */
export async function openConverseChatWith(page: Page, peer: string, opts: { omemo?: boolean } = {}): Promise<void> {
  await page.evaluate(async (jid) => {
    const { api } = (window as ConverseWindow).__benchConverse!;
    await api.waitUntil('chatBoxesFetched');
    await api.chats.open(jid, {}, true);
  }, peer);
  await page.locator(`converse-chat[jid="${peer}"] textarea.chat-textarea`).waitFor({ timeout: 20_000 });
  if (opts.omemo) await converseOmemoActive(page, peer);
}

/** Converse's chat or room `jid` has OMEMO on (its own flag, what its lock button shows). */
export async function converseOmemoActive(page: Page, jid: string): Promise<void> {
  await page.waitForFunction(
    (j) => {
      const c = (window as ConverseWindow).__benchConverse as unknown as {
        state: { chatboxes: { get(jid: string): { get(k: string): unknown } | undefined } };
      };
      return c.state.chatboxes.get(j)?.get('omemo_active') === true;
    },
    jid,
    { timeout: 20_000 },
  );
}

/** Loads the page (auto login), waits for the session, and opens the chat with `peer`. */
export async function openConverseChat(page: Page, url: string, peer: string): Promise<void> {
  await signInConverse(page, url);
  await openConverseChatWith(page, peer);
}

/** Types into Converse's composer and presses Enter, as a user would (its keydown handler sends). */
export const converseSend: Send = (page, text) =>
  page.evaluate(async (t) => {
    const ta = document.querySelector<HTMLTextAreaElement>('converse-chat textarea.chat-textarea')!;
    // Converse disables and clears the composer while a send is under way; start from a ready one.
    while (ta.disabled || ta.value !== '') await new Promise((r) => setTimeout(r, 1));
    ta.value = t;
    ta.dispatchEvent(new Event('input', { bubbles: true }));
    const at = performance.timeOrigin + performance.now();
    ta.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    return at;
  }, text);

/** Whether Converse received the message with `text` in the chat with `peer` OMEMO-encrypted. */
export const converseGotEncrypted = (page: Page, peer: string, text: string) =>
  page.evaluate(
    ({ jid, t }) => {
      const c = (window as ConverseWindow).__benchConverse as unknown as {
        state: { chatboxes: { get(jid: string): { messages: { models: { get(k: string): unknown }[] } } | undefined } };
      };
      const m = c.state.chatboxes.get(jid)?.messages.models.find((x) => x.get('plaintext') === t);
      return m?.get('is_encrypted') === true;
    },
    { jid: peer, t: text },
  );
