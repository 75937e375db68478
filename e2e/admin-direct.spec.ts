// Admin pages opened straight from their address: a bookmark or a link pasted
// into a new tab (page.goto), and a reload on the page. Each page loads its own
// data then, as it does when reached by clicking through Admin, and an address
// that names nothing says so and where to go instead.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAdmin } from './support/admin.ts';
import { account, type TestStack } from './support/stack.ts';

let stack: TestStack;
let admin: Page;

beforeAll(async () => {
  const s = await startAdmin();
  ({ stack, admin } = s);
  return s.close;
});

const open = (path: string) => admin.goto(`${new URL(admin.url()).origin}${path}`);
/** Waits until `testid` shows, up to 20 s (a loaded machine); else fails saying what the page showed instead. */
async function shows(testid: string): Promise<void> {
  try {
    await admin.getByTestId(testid).first().waitFor({ timeout: 20_000 });
  } catch (e) {
    const text = (what: string) =>
      admin
        .locator(what)
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => '(none)');
    const state = await text('[data-testid="connection-state"]');
    throw new Error(`${testid} never showed at ${admin.url()} (${state}); the page: ${await text('main')}`, {
      cause: e,
    });
  }
}

/** Each admin page with a parameter (and those that load their own data), and what shows once that data is in. */
const PAGES = [
  { path: () => `/admin/account/${account(stack, 'nurse').jid}`, ready: 'account-password' },
  { path: () => `/admin/entry/${account(stack, 'doctor1').jid}`, ready: 'entry-name' },
  { path: () => '/admin/preset/code-blue', ready: 'preset-field-name' },
  { path: () => '/admin/template/confirm-appointment', ready: 'template-field-title' },
  { path: () => '/admin/site', ready: 'site-campus-name' },
  { path: () => '/admin/settings', ready: 'settings-form' },
  // Accounts: the server's admins see Server settings once the server has listed its accounts to them.
  { path: () => '/admin', ready: 'admin-settings-link' },
];

/** The address in a new tab, or a reload once the page has been opened (and the app is online). */
async function arrive(path: string, how: 'opened' | 'reloaded'): Promise<void> {
  await open(path);
  if (how === 'opened') return;
  await admin.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
  await admin.reload();
}

describe('admin pages opened from their address', () => {
  for (const how of ['opened', 'reloaded'] as const)
    for (const p of PAGES)
      it(`${p.ready.split('-')[0]}: shows the page's own data when ${how}`, async () => {
        await arrive(p.path(), how);
        await shows(p.ready);
      });

  it('shows the audit log when opened and reloaded', async () => {
    // One audited action first: a new password for the nurse (she never signs in here).
    await arrive(`/admin/account/${account(stack, 'nurse').jid}`, 'opened');
    await admin.getByTestId('account-password').fill('another-long-password-1');
    await admin.getByTestId('account-password-set').click();
    await shows('account-done');
    for (const how of ['opened', 'reloaded'] as const) {
      await arrive('/admin/audit', how);
      await shows('audit-row');
      expect(await admin.getByTestId('audit-error').count()).toBe(0);
    }
  });

  for (const how of ['opened', 'reloaded'] as const)
    it(`says when there is no such account or directory entry, and where to go, when ${how}`, async () => {
      await arrive('/admin/account/nobody@example.invalid', how);
      await shows('account-none');
      expect(await admin.getByTestId('account-none').textContent()).toContain('find the person under Accounts');
      await arrive('/admin/entry/nobody@example.invalid', how);
      await shows('entry-none');
      expect(await admin.getByTestId('entry-none').textContent()).toContain('find the person under Directory');
    });
});
