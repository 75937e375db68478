// Issue #13 in Chromium: the Admin tab. An admin finds it in the tab bar and
// its Accounts page lists every account with address, roles and department,
// searchable; the bar still fits the narrowest phone with one more tab. Staff
// without the admin role never see the tab, and its address shows a refusal.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, SHOTS, type People } from './support/people.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let staff: People;
let admin: Page;
let nurse: Page;

beforeAll(async () => {
  stack = await startTestStack();
  staff = people(stack);
  admin = await staff.signIn('admin');
  nurse = await staff.signIn('nurse');
});

afterAll(async () => {
  await staff?.close();
  await stack?.close();
});

const rows = () => admin.getByTestId('account');

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
