// Issue #3, end to end, with two Chromium profiles as two staff members:
// a 1:1 exchange with receipts and read markers seen by the sender, history
// after a reload, and XSS payloads rendered inert.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notes, recordNotifications } from './support/notifications.ts';
import { openChatWith, openSettings, showTab, startNew } from './support/nav.ts';
import { people, SHOTS, type People } from './support/people.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';
import { goOffline } from './support/offline.ts';

let stack: TestStack;
let crowd: People;
let pd: Page;
let pa: Page;

const lastStatus = (page: Page) => page.getByTestId('message-status').last().textContent();

beforeAll(async () => {
  stack = await startTestStack();
  crowd = people(stack);
  pd = await crowd.signIn('dispatcher');
  pa = await crowd.signIn('doctor1');
});

afterAll(async () => {
  await crowd?.close();
  await stack?.close();
});

describe('1:1 chat in two browsers', () => {
  it('starts a chat from the directory in two taps, with receipts and read markers seen by the sender', async () => {
    const doctor = account(stack, 'doctor1');
    // Presence in the directory: Amara is signed in, Priya is not.
    const presence = (user: string) =>
      pd
        .locator(`[data-testid="directory-entry"][data-jid="${account(stack, user).jid}"]`)
        .getByTestId('directory-presence')
        .getAttribute('aria-label');
    await showTab(pd, 'colleagues');
    await expect.poll(() => presence('doctor1'), { timeout: 10_000 }).toBe('online');
    expect(await presence('nurse')).toBe('offline');
    await pd.getByTestId('directory-search').fill('cardio');
    await pd.locator(`[data-testid="directory-entry"][data-jid="${doctor.jid}"]`).click();
    await expect.poll(() => pd.getByTestId('chat-title').textContent()).toBe(doctor.name);

    await pd.getByTestId('composer').fill('Bed 4 needs a cardiology review');
    await pd.getByTestId('send').click();
    // Amara's app is open on her chat list: the message arrives, delivered and unread.
    await expect.poll(() => lastStatus(pd), { timeout: 10_000 }).toContain('delivered');
    const conv = pa.locator('[data-testid="conversation"]').first();
    await expect.poll(() => conv.getByTestId('unread-count').textContent(), { timeout: 10_000 }).toBe('1');
    await conv.click();
    await expect
      .poll(() => pa.getByTestId('message-body').last().textContent())
      .toBe('Bed 4 needs a cardiology review');
    await expect.poll(() => lastStatus(pd), { timeout: 10_000 }).toContain('read');

    await pa.getByTestId('composer').fill('On my way');
    await pa.keyboard.press('Enter');
    await expect.poll(() => pd.getByTestId('message-body').last().textContent(), { timeout: 10_000 }).toBe('On my way');
    // Dana has the chat open: her read marker answers for the receipt, and Amara sees "read".
    await expect.poll(() => lastStatus(pa), { timeout: 10_000 }).toContain('read');
    await pd.screenshot({ path: join(SHOTS, 'chat-sender.png') });
  });

  it('shows the other side typing, a correction of the last message and a retraction', async () => {
    await pa.getByTestId('composer').pressSequentially('Checking');
    await expect.poll(() => pd.getByTestId('typing').isVisible(), { timeout: 10_000 }).toBe(true);
    await pa.getByTestId('composer').fill('');

    await pd.getByTestId('composer').fill('Patient in bed 5');
    await pd.getByTestId('send').click();
    await expect
      .poll(() => pa.getByTestId('message-body').last().textContent(), { timeout: 10_000 })
      .toBe('Patient in bed 5');
    await pd.getByTestId('message-edit').last().click();
    await pd.getByTestId('composer').fill('Patient in bed 6');
    await pd.getByTestId('send').click();
    await expect
      .poll(() => pa.getByTestId('message-body').last().textContent(), { timeout: 10_000 })
      .toBe('Patient in bed 6');
    expect(await pa.getByTestId('message-body').allTextContents()).not.toContain('Patient in bed 5');
    expect(await pa.getByTestId('message-edited').count()).toBe(1);

    await pd.getByTestId('composer').fill('Sent to the wrong colleague');
    await pd.getByTestId('send').click();
    await expect
      .poll(() => pa.getByTestId('message-body').last().textContent(), { timeout: 10_000 })
      .toBe('Sent to the wrong colleague');
    await pd.getByTestId('message-retract').last().click();
    await expect.poll(() => pa.getByTestId('message-retracted').count(), { timeout: 10_000 }).toBe(1);
    expect(await pa.getByTestId('message-body').allTextContents()).not.toContain('Sent to the wrong colleague');
    await pa.screenshot({ path: join(SHOTS, 'chat-correction-retraction.png') });
  });

  it('renders script, HTML and javascript: payloads as inert text', async () => {
    const payloads = [
      '<script>window.__xss = 1</script>',
      '<img src=x onerror="window.__xss = 2">',
      'javascript:window.__xss=3',
      '<a href="javascript:window.__xss=4">click</a>',
    ];
    for (const p of payloads) {
      await pd.getByTestId('composer').fill(p);
      await pd.getByTestId('send').click();
    }
    await expect.poll(() => pa.getByTestId('message-body').last().textContent(), { timeout: 10_000 }).toBe(payloads[3]);
    for (const page of [pa, pd]) {
      const texts = await page.getByTestId('message-body').allTextContents();
      for (const p of payloads) expect(texts).toContain(p);
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
      expect(await page.locator('[data-testid="message-body"] img, [data-testid="message-body"] script').count()).toBe(
        0,
      );
      expect(await page.locator('[data-testid="message-body"] a[href^="javascript"]').count()).toBe(0);
    }
    await pa.screenshot({ path: join(SHOTS, 'chat-xss-inert.png') });
  });

  it('keeps messages written offline as pending and sends each exactly once on reconnect', async () => {
    await goOffline(pd);
    await expect.poll(() => pd.getByTestId('connection-state').textContent(), { timeout: 20_000 }).not.toBe('online');
    for (const text of ['Offline one', 'Offline two']) {
      await pd.getByTestId('composer').fill(text);
      await pd.getByTestId('send').click();
    }
    await expect.poll(() => pd.getByTestId('message-status').last().textContent()).toContain('sending');
    await pd.screenshot({ path: join(SHOTS, 'chat-offline-pending.png') });
    await pd.context().setOffline(false);
    await expect.poll(() => pd.getByTestId('connection-state').textContent(), { timeout: 30_000 }).toBe('online');
    await expect
      .poll(() => pa.getByTestId('message-body').allTextContents(), { timeout: 20_000 })
      .toEqual(expect.arrayContaining(['Offline one', 'Offline two']));
    await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive by now
    const texts = await pa.getByTestId('message-body').allTextContents();
    expect(texts.filter((t) => t === 'Offline one')).toHaveLength(1);
    expect(texts.filter((t) => t === 'Offline two')).toHaveLength(1);
    await expect.poll(() => lastStatus(pd), { timeout: 10_000 }).not.toContain('sending');
  });

  it('shows the history again after a reload and a new sign-in', async () => {
    const doctor = account(stack, 'doctor1');
    await pd.reload();
    await signIn(pd, stack, 'dispatcher');
    // The conversation list is back from the archive before any chat is opened.
    const row = pd.locator(`[data-testid="conversation"][data-peer="${doctor.jid}"]`);
    await expect.poll(() => row.getByTestId('last-message').textContent(), { timeout: 10_000 }).toBe('Offline two');
    await row.click();
    // The newest page comes first; earlier pages load on scroll (or the button), backwards.
    await expect
      .poll(() => pd.getByTestId('message-body').allTextContents(), { timeout: 10_000 })
      .toContain('On my way');
    for (let i = 0; i < 10 && (await pd.getByTestId('load-older').count()) > 0; i++) {
      // Scrolling the button into view reaches the top, which loads the page by itself and
      // may take the button away before the click lands (once the lines fill the view).
      await pd
        .getByTestId('load-older')
        .click({ timeout: 2_000 })
        .catch(() => {});
      await new Promise((r) => setTimeout(r, 300));
    }
    const texts = await pd.getByTestId('message-body').allTextContents();
    expect(texts).toEqual(expect.arrayContaining(['Bed 4 needs a cardiology review', 'On my way', 'Offline one']));
    expect(texts.indexOf('Bed 4 needs a cardiology review')).toBeLessThan(texts.indexOf('On my way'));
    expect(texts.filter((t) => t === 'Offline two')).toHaveLength(1);
  });

  it('writes to a role: a clear error when nobody is on duty, then reaches the on-duty holder', async () => {
    const doctor = account(stack, 'doctor1');
    await showTab(pa, 'chats');
    await startNew(pd, 'role');
    await pd.getByTestId('role-name').fill('cardiology');
    await pd.getByTestId('role-text').fill('ECG review needed in bay 3');
    await pd.getByTestId('role-send').click();
    await expect
      .poll(() => pd.getByTestId('role-error').textContent(), { timeout: 10_000 })
      .toMatch(/Nobody holds the role "cardiology" on duty/);

    await pa.getByTestId('duty-toggle').check();
    await showTab(pd, 'colleagues');
    const entry = pd.locator(`[data-testid="directory-entry"][data-jid="${doctor.jid}"]`);
    await expect.poll(() => entry.textContent(), { timeout: 10_000 }).toContain('on duty');

    await startNew(pd, 'role');
    await pd.getByTestId('role-name').fill('cardiology');
    await pd.getByTestId('role-text').fill('ECG review needed in bay 3');
    await pd.getByTestId('role-send').click();
    await expect.poll(() => pd.getByTestId('role-reached-person').textContent(), { timeout: 10_000 }).toBe(doctor.name);
    const fromDana = pa.locator('[data-testid="conversation"][data-peer^="dispatcher@"]');
    await expect
      .poll(() => fromDana.textContent(), { timeout: 10_000 })
      .toContain('To on-duty cardiology: ECG review needed in bay 3');
    await pd.getByTestId('role-reached-person').click();
    await expect.poll(() => pd.getByTestId('chat-title').textContent()).toBe(doctor.name);
  });

  it('notifies in the background without the message text, unless the user chooses to show it', async () => {
    await openChatWith(pd, stack, 'doctor1');
    await recordNotifications(pa);
    await openSettings(pa);
    await pa.getByTestId('notify-enable').click();
    await pd.getByTestId('composer').fill('Patient Smith, bed 7, allergic to penicillin');
    await pd.getByTestId('send').click();
    await expect
      .poll(() => notes(pa), { timeout: 10_000 })
      .toEqual([{ title: 'New message from Dana Reyes', body: 'Open Bleep to read it.' }]);

    await pa.getByTestId('notify-show-text').check();
    await pd.getByTestId('composer').fill('Bed 7 is ready');
    await pd.getByTestId('send').click();
    await expect
      .poll(async () => (await notes(pa)).at(-1), { timeout: 10_000 })
      .toEqual({
        title: 'New message from Dana Reyes',
        body: 'Bed 7 is ready',
      });
  });
});
