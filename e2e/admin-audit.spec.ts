// Issue #13 part 6 in Chromium: an admin disables and enables a doctor, opens
// Admin → Audit log, sees both records (who, what, before → after), filters
// them, and exports the log as CSV and JSON: real downloads whose content
// holds the records. A nurse opening the page gets the server's refusal.
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAdmin } from './support/admin.ts';
import type { People } from './support/people.ts';
import { account, type TestStack } from './support/stack.ts';

let stack: TestStack;
let staff: People;
let admin: Page;

beforeAll(async () => {
  const s = await startAdmin();
  ({ stack, staff, admin } = s);
  return s.close;
});

const rows = () => admin.getByTestId('audit-row');

/** Clicks an export button and resolves with the downloaded file's name and text. */
async function exported(button: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByTestId(button).click()]);
  return { name: download.suggestedFilename(), text: await readFile((await download.path())!, 'utf8') };
}

describe('the audit log', () => {
  it('shows an admin their edits with before and after, filters them, and exports CSV and JSON', async () => {
    const ben = account(stack, 'doctor2');
    await admin.getByTestId('tab-admin').click();
    await admin.locator(`[data-testid="account"][data-jid="${ben.jid}"]`).click({ timeout: 15_000 });
    await admin.getByTestId('account-disable').click();
    await admin.getByTestId('account-disable-confirm').click();
    await expect
      .poll(() => admin.getByTestId('account-done').textContent(), { timeout: 15_000 })
      .toMatch(/is disabled/);
    await admin.getByTestId('account-enable').click();
    await expect.poll(() => admin.getByTestId('account-done').textContent(), { timeout: 15_000 }).toMatch(/is enabled/);

    // On a desktop the Accounts list stays beside the account's page.
    await admin.getByTestId('admin-audit-link').click();
    const disabled = rows().filter({ hasText: 'account-disable' });
    await disabled.first().waitFor({ timeout: 15_000 });
    const text = await disabled.first().textContent();
    expect(text).toContain(account(stack, 'admin').jid);
    expect(text).toContain(ben.jid);
    expect(text).toContain('disabled: false → true');
    expect(await rows().first().textContent()).toContain('disabled: true → false');

    // Only what is about a preset: neither account record.
    await admin.getByTestId('audit-kind').selectOption('preset');
    await admin.getByTestId('audit-apply').click();
    await expect.poll(() => rows().filter({ hasText: 'account-' }).count(), { timeout: 15_000 }).toBe(0);
    await admin.getByTestId('audit-kind').selectOption('person');
    await admin.getByTestId('audit-apply').click();
    await expect.poll(() => rows().filter({ hasText: 'account-disable' }).count(), { timeout: 15_000 }).toBe(1);

    const csv = await exported('audit-export-csv');
    expect(csv.name).toMatch(/^bleep-audit-.*\.csv$/);
    const lines = csv.text.split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,target,old,new,change,cut');
    const line = lines.find((l) => l.includes('account-disable'))!;
    expect(line).toContain(ben.jid);
    expect(line).toContain('"{""disabled"":false}","{""disabled"":true}",disabled: false → true');

    const json = await exported('audit-export-json');
    expect(json.name).toMatch(/^bleep-audit-.*\.json$/);
    const records = JSON.parse(json.text) as { action: string; target: string; old: unknown; new: unknown }[];
    expect(records.every((r) => r.target.includes('@'))).toBe(true);
    expect(records).toContainEqual(
      expect.objectContaining({
        action: 'account-enable',
        target: ben.jid,
        old: { disabled: true },
        new: { disabled: false },
      }),
    );
  });

  it("shows a nurse the server's refusal, never the records", async () => {
    const nurse = await staff.signIn('nurse');
    await nurse.evaluate(() => {
      history.pushState({}, '', '/admin/audit');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect.poll(() => nurse.getByTestId('audit-error').textContent(), { timeout: 15_000 }).toMatch(/admins/);
    expect(await nurse.getByTestId('audit-row').count()).toBe(0);
  });
});
