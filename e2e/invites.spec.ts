// Issue #13 in Chromium: an admin invites a doctor from Admin → Accounts →
// Invite and gets a link to copy; the doctor opens it in their own browser,
// sees who invited them and the name and account prepared, is told what a
// password needs, chooses one, and lands signed in on Settings with the name,
// role and department the admin chose. The used link then says to ask for a
// new one; a withdrawn invite leaves the pending list.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { people, type People } from './support/people.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let staff: People;
let admin: Page;
let doctor: Browser;

beforeAll(async () => {
  stack = await startTestStack();
  staff = people(stack);
  admin = await staff.signIn('admin');
  doctor = await openBrowser(stack.settings.tls.cert);
});

afterAll(async () => {
  await doctor?.close();
  await staff?.close();
  await stack?.close();
});

const pendingFor = (name: string) => admin.getByTestId('invite-pending').filter({ hasText: name });

/** Admin → Accounts → Invite, filled in and sent; resolves with the links made. */
async function invite(names: string, roles: string, department: string): Promise<string[]> {
  await admin.getByTestId('invite-names').fill(names);
  await admin.getByTestId('invite-roles').fill(roles);
  await admin.getByTestId('invite-department').fill(department);
  await admin.getByTestId('invite-create').click();
  await admin.getByTestId('invite-note').waitFor({ timeout: 15_000 });
  const links = admin.getByTestId('invite-link');
  return Promise.all((await links.all()).map((l) => l.inputValue()));
}

describe('invites', () => {
  it('an admin invites a doctor, who onboards in their own browser and lands signed in with the preset', async () => {
    await admin.getByTestId('tab-admin').click();
    await admin.getByTestId('accounts-invite').click();
    const [link] = await invite('Dr Amara Okafor', 'doctor', 'Cardiology');
    expect(link).toMatch(new RegExp(`^${stack.url}/invite/[A-Za-z0-9_-]+$`));
    await pendingFor('Dr Amara Okafor').waitFor();

    const page = await doctor.context.newPage();
    await page.goto(link!);
    await page.getByTestId('invite-from').filter({ hasText: 'Alex Morgan invited you.' }).waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('invite-name').textContent()).toBe('Dr Amara Okafor');
    expect(await page.getByTestId('invite-account').textContent()).toBe(`amara.okafor@${stack.settings.domain}`);

    await page.getByTestId('invite-password').fill('short');
    await page.getByTestId('invite-password-again').fill('short');
    await page.getByTestId('invite-submit').click();
    expect(await page.getByTestId('invite-error').textContent()).toBe('Choose a password of at least 10 characters.');

    await page.getByTestId('invite-password').fill('cardio-heart-2026');
    await page.getByTestId('invite-password-again').fill('cardio-heart-2026');
    await page.getByTestId('invite-submit').click();
    await page.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
    await page.getByTestId('user-name').filter({ hasText: 'Dr Amara Okafor' }).waitFor({ timeout: 15_000 });
    const roles = await page.getByTestId('user-roles').textContent();
    expect(roles).toContain('doctor');
    expect(await page.locator('main').textContent()).toContain('Cardiology');

    // Used: the link now says so, in another tab of the same browser too.
    const again = await doctor.context.newPage();
    await again.goto(link!);
    const refused = again.getByTestId('invite-refused');
    await refused.waitFor({ timeout: 20_000 });
    expect(await refused.textContent()).toMatch(/no longer valid.*Ask the admin who invited you for a new one/);
    await admin.getByTestId('accounts-refresh').click();
    await expect.poll(() => pendingFor('Dr Amara Okafor').count(), { timeout: 10_000 }).toBe(0);
  });

  it('withdraws a pending invite after a confirmation: it leaves the list', async () => {
    await invite('Sam Lee', 'nurse', 'Emergency');
    await pendingFor('Sam Lee').waitFor({ timeout: 10_000 });
    await pendingFor('Sam Lee').getByTestId('invite-revoke').click();
    // Asked first, saying what withdrawing does; nothing is withdrawn until confirmed.
    expect(await pendingFor('Sam Lee').getByTestId('confirm-effect').textContent()).toMatch(/link stops working/);
    await pendingFor('Sam Lee').getByTestId('invite-revoke-confirm').click();
    await expect.poll(() => pendingFor('Sam Lee').count(), { timeout: 10_000 }).toBe(0);
    expect(await admin.getByTestId('invite-note').textContent()).toMatch(/withdrawn: its link no longer works/);
  });
});
