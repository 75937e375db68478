// Issue #13 in Chromium: the Admin tab. An admin finds it in the tab bar and
// its Accounts page lists every account with address, roles and department,
// searchable; the bar still fits the narrowest phone with one more tab. The
// admin disables a nurse: her app is back at the login page saying why, her
// password is refused with the same words; enabled again, she signs in. The
// admin sets a doctor a new password: the old one is refused, the new signs in;
// signs the nurse's lost phone out: that browser is back at the login page, and
// a phone out of coverage at its sign-out stays signed out when it is back. Staff
// without the admin role never see the tab, and its address shows a refusal.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAdmin } from './support/admin.ts';
import { openBrowser } from './support/browser.ts';
import { goOffline } from './support/offline.ts';
import { SHOTS } from './support/people.ts';
import { account, type TestStack } from './support/stack.ts';

let stack: TestStack;
let admin: Page;
let nurse: Page;

beforeAll(async () => {
  const s = await startAdmin('nurse');
  ({ stack, admin } = s);
  [nurse] = s.others;
  return s.close;
});

const rows = () => admin.getByTestId('account');
/** The login page's reason, '' while the page shows something else. */
const loginError = (p: Page) =>
  p
    .getByTestId('login-error')
    .textContent()
    .catch(() => '');
/** The nurse types her password again and is online. */
async function nurseSignsIn(): Promise<void> {
  const priya = account(stack, 'nurse');
  await nurse.getByTestId('login-username').fill(priya.user);
  await nurse.getByTestId('login-password').fill(priya.password);
  await nurse.getByTestId('login-submit').click();
  await nurse.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
}

describe('administration', () => {
  it('shows an admin the Admin tab, whose Accounts page lists every account and searches them', async () => {
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByTestId('tab-admin').click();
    await expect.poll(() => admin.getByTestId('tab-admin').getAttribute('aria-current')).toBe('page');
    const everyone = ['admin', 'dispatcher', 'doctor1', 'doctor2', 'nurse'].map((u) => account(stack, u));
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(everyone.length);
    for (const a of everyone) {
      const row = admin.locator(`[data-testid="account"][data-jid="${a.jid}"]`);
      const text = await row.textContent();
      expect(text).toContain(a.name);
      expect(text).toContain(a.jid);
      expect(text).toContain(a.department);
      for (const role of a.roles) expect(text).toContain(role);
    }
    await admin.screenshot({ path: join(SHOTS, 'admin-accounts-phone.png') });
    await admin.getByTestId('accounts-search').fill('cardio');
    await expect.poll(() => rows().count()).toBe(1);
    expect(await rows().first().getAttribute('data-jid')).toBe(account(stack, 'doctor1').jid);
    await admin.getByTestId('accounts-search').fill('nobody-by-this-name');
    await expect.poll(() => admin.getByTestId('accounts-empty').isVisible()).toBe(true);
    // Six tabs for an admin who is not a dispatcher too: still no sideways scrolling at 320 px.
    await admin.setViewportSize({ width: 320, height: 640 });
    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('disables a nurse, who is signed out at once and cannot sign in, and enables her again', async () => {
    await admin.setViewportSize({ width: 390, height: 844 });
    await admin.getByTestId('accounts-search').fill('');
    // Not the admin's own account: no way to lock oneself out from here.
    await admin.locator(`[data-testid="account"][data-jid="${account(stack, 'admin').jid}"]`).click();
    await admin.getByTestId('account-own').waitFor();
    expect(await admin.getByTestId('account-disable').count()).toBe(0);
    await admin.getByRole('link', { name: 'Back to accounts' }).click();

    const priya = admin.locator(`[data-testid="account"][data-jid="${account(stack, 'nurse').jid}"]`);
    expect(await priya.getByTestId('account-state').textContent()).toBe('online');
    await priya.click();
    await admin.getByTestId('account-disable').click();
    await admin.getByTestId('account-cancel').click();
    await admin.getByTestId('account-disable').click();
    await admin.screenshot({ path: join(SHOTS, 'admin-account-confirm.png') });
    await admin.getByTestId('account-disable-confirm').click();
    await expect
      .poll(() => admin.getByTestId('account-done').textContent(), { timeout: 15_000 })
      .toMatch(/is disabled: signed out everywhere \(1 session ended\)/);

    await expect.poll(() => loginError(nurse), { timeout: 15_000 }).toMatch(/This account is disabled/);
    await nurse.getByTestId('login-username').fill(account(stack, 'nurse').user);
    await nurse.getByTestId('login-password').fill(account(stack, 'nurse').password);
    await nurse.getByTestId('login-submit').click();
    await expect.poll(() => loginError(nurse), { timeout: 15_000 }).toMatch(/This account is disabled/);
    await nurse.screenshot({ path: join(SHOTS, 'admin-disabled-login.png') });
    await admin.getByRole('link', { name: 'Back to accounts' }).click();
    expect(await priya.getByTestId('account-state').textContent()).toBe('disabled');

    await priya.click();
    await admin.getByTestId('account-enable').click();
    await expect.poll(() => admin.getByTestId('account-done').textContent()).toMatch(/is enabled/);
    await nurse.getByTestId('login-password').fill(account(stack, 'nurse').password);
    await nurse.getByTestId('login-submit').click();
    await nurse.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
  });

  it('sets a new password for a doctor, who signs in with it and not with the old one', async () => {
    const doctor = account(stack, 'doctor2');
    await admin.getByRole('link', { name: 'Back to accounts' }).click();
    await admin.locator(`[data-testid="account"][data-jid="${doctor.jid}"]`).click();
    await admin.getByTestId('account-password').fill('short');
    await admin.getByTestId('account-password-set').click();
    await expect.poll(() => admin.getByTestId('account-refused').textContent()).toMatch(/at least 10 characters/);
    const fresh = 'Ward-7-new-password';
    await admin.getByTestId('account-password').fill(fresh);
    await admin.getByTestId('account-password-set').click();
    await expect.poll(() => admin.getByTestId('account-done').textContent()).toMatch(/has a new password/);

    const browser = await openBrowser(stack.settings.tls.cert);
    try {
      const page = await browser.context.newPage();
      await page.goto(stack.url);
      const typed = async (password: string) => {
        await page.getByTestId('login-username').fill(doctor.user);
        await page.getByTestId('login-password').fill(password);
        await page.getByTestId('login-submit').click();
      };
      await typed(doctor.password);
      await expect
        .poll(() => page.getByTestId('login-error').textContent(), { timeout: 15_000 })
        .toMatch(/Wrong username or password/);
      await typed(fresh);
      await page.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
    } finally {
      await browser.close();
    }
  });

  it("signs a nurse's lost phone out: that browser is back at the login page saying why", async () => {
    const priya = account(stack, 'nurse');
    await admin.getByRole('link', { name: 'Back to accounts' }).click();
    await admin.locator(`[data-testid="account"][data-jid="${priya.jid}"]`).click();
    const device = admin.getByTestId('device');
    await expect.poll(() => device.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const connected = device.filter({ hasText: 'connected now' });
    expect(await connected.count()).toBe(1);
    await connected.getByTestId('device-signout').click();
    await admin.screenshot({ path: join(SHOTS, 'admin-device-confirm.png') });
    await connected.getByTestId('device-signout-confirm').click();
    await expect
      .poll(() => admin.getByTestId('devices-done').textContent(), { timeout: 15_000 })
      .toMatch(/is signed out \(1 session ended\)/);
    // Gone from the list the moment the admin reads that it is signed out (not after the list reloads).
    expect(await admin.getByTestId('device').filter({ hasText: 'connected now' }).count()).toBe(0);
    await expect.poll(() => loginError(nurse), { timeout: 15_000 }).toMatch(/An admin signed this device out/);
    // She signs in again with her password.
    await nurseSignsIn();
  });

  // The lost phone is out of coverage when the admin signs it out: its session is waiting to be
  // resumed (XEP-0198), so no stream error reaches it. Back in coverage it reconnects, and must not
  // sign itself in again with the password typed at its last sign-in (kept in memory until then).
  it('keeps a lost phone that was offline at its sign-out signed out when it is back online', async () => {
    const priya = account(stack, 'nurse');
    const badge = nurse.getByTestId('connection-state');
    await goOffline(nurse);
    await expect.poll(() => badge.textContent(), { timeout: 20_000 }).toBe('offline');
    await admin.getByRole('link', { name: 'Back to accounts' }).click();
    await admin.locator(`[data-testid="account"][data-jid="${priya.jid}"]`).click();
    const connected = admin.getByTestId('device').filter({ hasText: 'connected now' });
    await expect.poll(() => connected.count(), { timeout: 15_000 }).toBe(1);
    await connected.getByTestId('device-signout').click();
    await connected.getByTestId('device-signout-confirm').click();
    await expect
      .poll(() => admin.getByTestId('devices-done').textContent(), { timeout: 15_000 })
      .toMatch(/is signed out \(1 session ended\)/);

    await nurse.context().setOffline(false);
    await expect.poll(() => loginError(nurse), { timeout: 30_000 }).toMatch(/Sign in with your password/);
    await admin.getByRole('link', { name: 'Back to accounts' }).click();
    await admin.locator(`[data-testid="account"][data-jid="${priya.jid}"]`).click();
    await admin.getByTestId('devices-empty').waitFor({ timeout: 15_000 });
    await nurseSignsIn();
  });

  it('never shows the tab to a nurse, and refuses its address', async () => {
    await nurse.getByTestId('tabs').waitFor();
    expect(await nurse.getByTestId('tab-admin').count()).toBe(0);
    await nurse.goto(`${stack.url}/admin`);
    await expect
      .poll(() => nurse.getByTestId('tab-refused').textContent(), { timeout: 10_000 })
      .toMatch(/Administration is for admins/);
    expect(await nurse.getByTestId('account').count()).toBe(0);
  });
});
