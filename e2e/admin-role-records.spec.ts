// Issue #11 in Chromium: the server's admin opens Admin → Messages to roles
// and reads the component's records: who wrote to which role, when, whom it
// reached, and that a message its sender cancelled was withdrawn and reached
// nobody. It has no words to show: they are never stored. A nurse opening
// the page gets the server's refusal.
import { COMMANDS, DIRECTORY_FIELDS as D, ROLE_RESOLVE_FIELDS as F } from '@bleep/protocol';
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
  // Dana writes to the on-duty nurse twice from an encrypting client (role-resolve), and cancels the second.
  const { login, runCommand } = await import('@bleep/prosody-config/test-client');
  const ops = stack.settings.opsHost;
  const priya = await login(stack.settings, account(stack, 'nurse'));
  const dana = await login(stack.settings, account(stack, 'dispatcher'));
  try {
    expect((await runCommand(priya, ops, COMMANDS.duty, { [D.onDuty]: 'true' })).attrs.type).toBe('result');
    for (const id of ['sent-1', 'cancelled-1'])
      expect(
        (await runCommand(dana, ops, COMMANDS.roleResolve, { [F.role]: 'nurse', [F.messageId]: id })).attrs.type,
      ).toBe('result');
    const withdrawn = await runCommand(dana, ops, COMMANDS.roleWithdraw, { [F.messageId]: 'cancelled-1' });
    expect(withdrawn.attrs.type).toBe('result');
  } finally {
    await Promise.all([priya.stop(), dana.stop()].map((p) => p.catch(() => {})));
  }
  return s.close;
});

const rows = () => admin.getByTestId('role-record');

describe('messages to roles, for the admin', () => {
  it('lists each with when, who, which role and whom it reached; a cancelled one says withdrawn, nobody', async () => {
    const dana = account(stack, 'dispatcher');
    const priya = account(stack, 'nurse');
    await admin.getByTestId('tab-admin').click();
    await admin.getByTestId('admin-role-records-link').click();
    await expect.poll(() => rows().count(), { timeout: 15_000 }).toBe(2);
    // Newest first: the cancelled one.
    const [cancelled, sent] = [rows().nth(0), rows().nth(1)];
    expect(await cancelled.getAttribute('data-withdrawn')).toBe('true');
    expect(await cancelled.getByTestId('role-record-reached').textContent()).toMatch(
      /^Withdrawn by its sender .+: it reached nobody\.$/,
    );
    expect(await sent.getAttribute('data-withdrawn')).toBe('false');
    expect(await sent.getByTestId('role-record-reached').textContent()).toBe(`Reached: ${priya.name} (${priya.jid})`);
    for (const row of [cancelled, sent]) {
      expect(await row.getByTestId('role-record-sender').textContent()).toBe(dana.jid);
      expect(await row.getByTestId('role-record-role').textContent()).toBe('nurse');
      expect(await row.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
      expect(await row.textContent()).toContain('Sent by their app, encrypted');
    }
    // Two records on one page: "Older" finds nothing more and goes.
    await admin.getByTestId('role-records-older').click();
    await expect.poll(() => admin.getByTestId('role-records-older').count(), { timeout: 15_000 }).toBe(0);
    expect(await rows().count()).toBe(2);
  });

  it("shows a nurse the server's refusal, never the records", async () => {
    const nurse = await staff.signIn('nurse');
    await nurse.evaluate(() => {
      history.pushState({}, '', '/admin/role-records');
      dispatchEvent(new PopStateEvent('popstate'));
    });
    await expect
      .poll(() => nurse.getByTestId('role-records-refused').textContent(), { timeout: 15_000 })
      .toMatch(/admins/);
    expect(await nurse.getByTestId('role-record').count()).toBe(0);
    expect(await nurse.getByTestId('role-records-empty').count()).toBe(0);
  });
});
