// Staying signed in, end to end in Chromium: a reload signs in again with
// this device's FAST token (XEP-0484), no password typed, history still there;
// a network drop is bridged by resuming the stream (XEP-0198), not by a new
// session; sign-out forgets and revokes the token, and a refused token lands
// on the login page with a reason, once; a reload while the server is down
// keeps the device signed in, and it signs in by itself when the server is back.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { openChatWith, openSettings } from './support/nav.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';
import { encryptionOn } from './support/omemo.ts';
import { goOffline } from './support/offline.ts';

const SHOTS = join(import.meta.dirname, '.artifacts');
mkdirSync(SHOTS, { recursive: true });
let stack: TestStack;
let dana: Browser;
let amara: Browser;
let pd: Page;
let pa: Page;

const badge = (p: Page) => p.getByTestId('connection-state');
const bodies = (p: Page) => p.getByTestId('message-body').allTextContents();
const savedSignIn = (p: Page) => p.evaluate(() => localStorage.getItem('bleep.signin'));

const openChat = (p: Page, with_: string) => openChatWith(p, stack, with_);

async function send(p: Page, text: string): Promise<void> {
  await p.getByTestId('composer').fill(text);
  await p.getByTestId('send').click();
}

beforeAll(async () => {
  stack = await startTestStack();
  dana = await openBrowser(stack.settings.tls.cert);
  amara = await openBrowser(stack.settings.tls.cert);
  pd = await dana.context.newPage();
  pa = await amara.context.newPage();
  await signIn(pd, stack, 'dispatcher');
  await signIn(pa, stack, 'doctor1');
});

afterAll(async () => {
  await dana?.close();
  await amara?.close();
  await stack?.close();
});

describe('staying signed in', () => {
  it('a reload comes back signed in with no password typed, and the chat history is still there', async () => {
    const dispatcher = account(stack, 'dispatcher');
    await openChat(pd, 'doctor1');
    await send(pd, 'Before the reload');
    await expect
      .poll(() => pd.getByTestId('message-status').last().textContent(), { timeout: 10_000 })
      .toMatch(/sent|delivered|read/);

    // Reloaded where she was, in the chat: signed in again, the history back from the archive.
    await pd.reload();
    await expect.poll(() => badge(pd).textContent(), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => bodies(pd), { timeout: 10_000 }).toContain('Before the reload');
    expect(await pd.getByTestId('login-password').count()).toBe(0);
    // What the device keeps is a token, never the password.
    const stored = await pd.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(stored).toContain('secret-token:fast-');
    expect(stored).not.toContain(dispatcher.password);
    await openSettings(pd);
    await expect.poll(() => pd.getByTestId('user-name').textContent(), { timeout: 10_000 }).toContain(dispatcher.name);
    await pd.screenshot({ path: join(SHOTS, 'session-after-reload.png') });
  });

  it('resumes the stream after the network drops: a message sent meanwhile arrives once, no new session', async () => {
    await openChat(pd, 'doctor1');
    await expect.poll(() => badge(pd).getAttribute('data-streams')).toBe('1');
    await goOffline(pd);
    await expect.poll(() => badge(pd).textContent(), { timeout: 20_000 }).toBe('offline');

    await openChat(pa, 'dispatcher');
    await send(pa, 'Sent during the drop');
    await expect
      .poll(() => pa.getByTestId('message-status').last().textContent(), { timeout: 10_000 })
      .not.toContain('sending');
    await new Promise((r) => setTimeout(r, 1000));
    expect(await bodies(pd)).not.toContain('Sent during the drop');

    await dana.context.setOffline(false);
    await expect.poll(() => badge(pd).textContent(), { timeout: 30_000 }).toBe('online');
    await expect.poll(() => badge(pd).getAttribute('data-resumes'), { timeout: 10_000 }).toBe('1');
    expect(await badge(pd).getAttribute('data-streams')).toBe('1');
    await expect.poll(() => bodies(pd), { timeout: 10_000 }).toContain('Sent during the drop');
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would be here by now
    expect((await bodies(pd)).filter((t) => t === 'Sent during the drop')).toHaveLength(1);
  });

  it('sign-out forgets and revokes the token: a reload shows the login page, the old token is refused with a reason', async () => {
    const token = await savedSignIn(pd);
    expect(token).toBeTruthy();
    await openSettings(pd);
    await pd.getByTestId('logout').click();
    await expect.poll(() => pd.getByTestId('login-username').isVisible(), { timeout: 10_000 }).toBe(true);
    expect(await savedSignIn(pd)).toBeNull();
    await pd.reload();
    await expect.poll(() => pd.getByTestId('login-username').isVisible(), { timeout: 20_000 }).toBe(true);
    await expect.poll(() => badge(pd).textContent()).toBe('offline');

    // A copy of the token taken before sign-out is worthless: the server revoked it.
    await pd.evaluate((t) => localStorage.setItem('bleep.signin', t!), token);
    await pd.reload();
    await expect
      .poll(() => pd.getByTestId('login-error').textContent(), { timeout: 20_000 })
      .toMatch(/sign-in on this device has ended.*Sign in with your password/);
    expect(await savedSignIn(pd)).toBeNull();
    await new Promise((r) => setTimeout(r, 2000)); // no loop: still here, still the same reason
    expect(await pd.getByTestId('login-username').isVisible()).toBe(true);
    expect(await pd.getByTestId('login-error').textContent()).toMatch(/has ended/);
    await pd.screenshot({ path: join(SHOTS, 'session-token-refused.png') });
  });

  it('a reload while the server is down stays in the app, retries by itself, and signs in when the server is back', async () => {
    // Amara is signed in; loading the page again makes the service worker control it (it serves the app offline).
    await pa.evaluate(() => navigator.serviceWorker.ready.then(() => {}));
    await pa.goto(stack.url);
    await expect.poll(() => badge(pa).textContent(), { timeout: 20_000 }).toBe('online');
    await expect.poll(() => pa.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

    await stack.stop(); // web server, component and Prosody; the data stays
    await pa.reload();
    const notice = pa.getByTestId('connection-notice');
    await expect.poll(() => notice.textContent(), { timeout: 20_000 }).toMatch(/server cannot be reached; retrying/);
    expect(await badge(pa).textContent()).toMatch(/offline|connecting/);
    expect(await pa.getByTestId('login-username').count()).toBe(0);
    expect(await savedSignIn(pa)).toContain('secret-token:fast-');
    await pa.screenshot({ path: join(SHOTS, 'session-retrying.png') });

    stack = await startTestStack(stack); // same data and web port: a server restart
    await expect.poll(() => badge(pa).textContent(), { timeout: 45_000 }).toBe('online');
    expect(await pa.getByTestId('login-password').count()).toBe(0);
    await expect.poll(() => notice.count()).toBe(0);

    await signIn(pd, stack, 'dispatcher');
    // Dana signed out above, which took this device's OMEMO keys (and her
    // refused token then began making new ones, cleared in turn): her new ones
    // must be on her device list before Amara writes, or she cannot read it.
    await encryptionOn(pd);
    await openChat(pa, 'dispatcher');
    await send(pa, 'After the server restart');
    await openChat(pd, 'doctor1');
    await expect.poll(() => bodies(pd), { timeout: 10_000 }).toContain('After the server restart');
  }, 120_000);
});
