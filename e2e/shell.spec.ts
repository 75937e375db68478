// Issue #7: the app shell, as staff use a messenger. A phone: Chats and
// Colleagues in a bottom bar, a chat with any colleague two taps from the start
// screen, the conversation full screen with a back link. A desktop: the list
// and the open conversation side by side. Keyboard, focus, dark theme.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { openSettings, showTab, startNew } from './support/nav.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';
import { SHOTS } from './support/people.ts';

const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

let stack: TestStack;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  stack = await startTestStack();
  browser = await openBrowser(stack.settings.tls.cert);
  page = await browser.context.newPage();
  // The app icon's badge as the phone would show it: what the app last set (Badging API, recorded).
  await page.addInitScript(() => {
    const nav = navigator as unknown as Record<string, unknown> & { badge?: number };
    nav.setAppBadge = (n: number) => Promise.resolve(void (nav.badge = n));
    nav.clearAppBadge = () => Promise.resolve(void (nav.badge = 0));
  });
  await page.setViewportSize(PHONE);
  await signIn(page, stack, 'dispatcher');
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

const entries = () => page.getByTestId('directory-entry');
const box = async (testid: string) => (await page.getByTestId(testid).first().boundingBox())!;

describe('the app shell', () => {
  it('on a phone, opens a chat with any colleague in two taps from the start screen', async () => {
    await expect.poll(() => page.getByTestId('tab-chats').getAttribute('aria-current')).toBe('page');
    await shot('shell-phone-chats');
    const colleagues = ['admin', 'doctor1', 'doctor2', 'nurse'].map((u) => account(stack, u));
    for (const [i, colleague] of colleagues.entries()) {
      await page.getByTestId('tab-colleagues').click(); // tap 1
      await entries().filter({ hasText: colleague.name }).click(); // tap 2
      await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe(colleague.name);
      // Full screen: no tab bar over the conversation, and a way back.
      expect(await page.getByTestId('tabs').count()).toBe(0);
      if (i === 0) await shot('shell-phone-chat');
      await page.getByRole('link', { name: 'Back to chats' }).click();
      await expect.poll(() => page.getByTestId('tab-chats').getAttribute('aria-current')).toBe('page');
    }
    await showTab(page, 'colleagues');
    await shot('shell-phone-colleagues');
    // No sideways scrolling, down to the narrowest phones.
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 640 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${width} px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize(PHONE);
  });

  it('on a phone, keeps the top bar on one line: "On duty" does not wrap, off duty or on', async () => {
    const label = page.getByTestId('duty-toggle').locator('xpath=..').locator('.text');
    // A wrapped label is two lines high; one line of text is well under two font sizes.
    const lines = () =>
      label.evaluate((el) => el.getBoundingClientRect().height / (2 * parseFloat(getComputedStyle(el).fontSize)));
    for (const on of [false, true]) {
      await page.getByTestId('duty-toggle').setChecked(on);
      // Once the directory says so: on duty, where you are (LocationChip) joins the bar.
      await expect.poll(() => page.getByTestId('location-chip').count(), { timeout: 10_000 }).toBe(on ? 1 : 0);
      await shot(`shell-phone-bar-${on ? 'on' : 'off'}-duty`);
      expect(await label.textContent()).toBe('On duty');
      expect(await lines(), `on duty: ${on}`).toBeLessThan(1);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `on duty: ${on}`).toBeLessThanOrEqual(0);
    }
    await page.getByTestId('duty-toggle').setChecked(false);
    await expect.poll(() => page.getByTestId('location-chip').count(), { timeout: 10_000 }).toBe(0);
  });

  it('counts unread messages on the Chats tab, in the list and on the app icon, newest first', async () => {
    const { login, xml } = await import('@bleep/prosody-config/test-client');
    const amara = await login(stack.settings, account(stack, 'doctor1'));
    await new Promise((r) => setTimeout(r, 500)); // stream management first (DESIGN.md trap)
    const dana = account(stack, 'dispatcher').jid;
    for (const body of ['Bed 4 needs a review', 'Any news?'])
      await amara.send(xml('message', { to: dana, type: 'chat', id: body }, xml('body', {}, body)));
    await amara.stop();
    await expect.poll(() => page.getByTestId('tab-chats-badge').textContent(), { timeout: 10_000 }).toBe('2');
    const appBadge = () => page.evaluate(() => (navigator as unknown as { badge?: number }).badge);
    await expect.poll(appBadge).toBe(2);
    await showTab(page, 'chats');
    const first = page.locator('[data-testid="conversation"], [data-testid="room"]').first();
    await expect.poll(() => first.getByTestId('last-message').textContent()).toBe('Any news?');
    expect(await first.getByTestId('unread-count').textContent()).toBe('2');
    await shot('shell-phone-chats-unread');
    await first.click();
    await page.getByRole('link', { name: 'Back to chats' }).click();
    await expect.poll(() => page.getByTestId('tab-chats-badge').count()).toBe(0);
    await expect.poll(appBadge).toBe(0);
  });

  it('on a desktop, shows the list and the open conversation side by side', async () => {
    await page.setViewportSize(DESKTOP);
    await expect.poll(() => page.getByTestId('no-conversation').isVisible()).toBe(true);
    await page.locator('[data-testid="conversation"]').first().click();
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe(account(stack, 'doctor1').name);
    const list = await box('conversation');
    const chat = await box('composer');
    expect(list.x + list.width).toBeLessThanOrEqual(chat.x);
    expect(chat.x + chat.width).toBeLessThanOrEqual(DESKTOP.width);
    // The list is in view, so no back link; the rail of tabs stays.
    expect(await page.getByRole('link', { name: 'Back to chats' }).isVisible()).toBe(false);
    expect(await page.getByTestId('tab-colleagues').isVisible()).toBe(true);
    await shot('shell-desktop-chat');
    // A chat opened from Colleagues opens beside Colleagues: the list stays where the user was.
    await page.getByTestId('tab-colleagues').click();
    await entries()
      .filter({ hasText: account(stack, 'nurse').name })
      .click();
    await expect.poll(() => page.getByTestId('chat-title').textContent()).toBe(account(stack, 'nurse').name);
    expect(await entries().first().isVisible()).toBe(true);
    await shot('shell-desktop-colleagues-beside-chat');
  });

  it('works from the keyboard: the main tabs are labelled, show focus and open with Enter', async () => {
    await page.goto(`${stack.url}/`);
    await page.getByTestId('tabs').waitFor();
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(1);
    let focused = '';
    for (let i = 0; i < 20 && focused !== 'tab-colleagues'; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    }
    expect(focused).toBe('tab-colleagues');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe('none');
    await shot('shell-desktop-keyboard-focus');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('tab-colleagues').getAttribute('aria-current')).toBe('page');
    await expect.poll(() => page.getByTestId('directory-search').isVisible()).toBe(true);
  });

  it('starts a new conversation from Chats: a colleague, a role, or a new room', async () => {
    await page.setViewportSize(PHONE);
    await page.getByTestId('tab-chats').click();
    await page.getByTestId('new-conversation').click();
    await shot('shell-phone-new');
    await page.getByTestId('new-colleague').click();
    await expect.poll(() => page.getByTestId('tab-colleagues').getAttribute('aria-current')).toBe('page');
    await startNew(page, 'role');
    await expect.poll(() => page.getByTestId('role-name').isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Back to new conversation' }).click();
    await page.getByTestId('room-new').click();
    await expect.poll(() => page.getByTestId('room-member').count()).toBe(4);
    await shot('shell-phone-new-room');
    await page.getByRole('link', { name: 'Back to new conversation' }).click();
    await page.getByRole('link', { name: 'Back to chats' }).click();
    await expect.poll(() => page.getByTestId('tab-chats').getAttribute('aria-current')).toBe('page');
  });

  it('keeps settings on their own page: profile, theme (dark for night shifts), sign out', async () => {
    await page.setViewportSize(PHONE);
    await openSettings(page);
    await expect.poll(() => page.getByTestId('user-name').textContent()).toContain(account(stack, 'dispatcher').name);
    await page.getByTestId('theme-dark').check();
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g)!.map(Number);
    expect((r! + g! + b!) / 3).toBeLessThan(80);
    await shot('shell-phone-settings-dark');
    await page.getByRole('link', { name: 'Back to chats' }).click();
    await shot('shell-phone-chats-dark');
    await openSettings(page);
    await page.getByTestId('theme-auto').check();
    await page.getByTestId('logout').click();
    await expect.poll(() => page.getByTestId('login-username').isVisible()).toBe(true);
  });
});
