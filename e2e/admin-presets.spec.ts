// Issue #13 part 4 in Chromium: an admin opens Admin → Alarm presets, changes
// Code Blue's repeat interval and acknowledgement rule in the component's own
// form and saves; the list shows the new values after a reload. An
// invalid edit (an acknowledgement count of 0, a colour that is not #rrggbb) is
// refused with the component's reasons beside the form, and nothing is saved.
// A nurse never sees the Admin tab.
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { startAdmin } from './support/admin.ts';
import type { People } from './support/people.ts';

let staff: People;
let admin: Page;

beforeAll(async () => {
  const s = await startAdmin();
  ({ staff, admin } = s);
  return s.close;
});

const codeBlue = () => admin.locator('[data-testid="preset"][data-id="code-blue"]');
const field = (v: string) => admin.getByTestId(`preset-field-${v}`);

async function openCodeBlue(): Promise<void> {
  await codeBlue().click({ timeout: 15_000 });
  await expect.poll(() => field('name').inputValue(), { timeout: 15_000 }).toBe('Code Blue');
}

describe('the alarm preset editor', () => {
  it('refuses an invalid edit with the reasons and saves a valid one', async () => {
    await admin.getByTestId('tab-admin').click();
    await admin.getByTestId('admin-presets-link').click();
    await expect.poll(() => codeBlue().textContent(), { timeout: 15_000 }).toContain('repeats every 30 s');
    await openCodeBlue();
    expect(await field('ack').inputValue()).toBe('anaesthesia 1\nnurse 2');
    expect(await field('repeat').inputValue()).toBe('30');

    await field('colour').fill('blue');
    await field('ack').fill('anaesthesia 1\nnurse 0');
    await field('repeat').fill('45');
    await admin.getByTestId('preset-save').click();
    const error = admin.getByTestId('preset-error');
    await expect.poll(() => error.textContent(), { timeout: 15_000 }).toContain('"blue" is not a colour like #1d4ed8');
    expect(await error.textContent()).toContain('the count for "nurse" must be a whole number from 1 to 50');
    // The form stays as typed, and nothing was saved.
    expect(await field('repeat').inputValue()).toBe('45');
    await admin.goto(`${new URL(admin.url()).origin}/admin/presets`);
    await expect.poll(() => codeBlue().textContent(), { timeout: 20_000 }).toContain('repeats every 30 s');
    expect(await codeBlue().textContent()).toContain('anaesthesia 1, nurse 2');

    await openCodeBlue();
    await field('ack').fill('anaesthesia 1\nnurse 1');
    await field('repeat').fill('45');
    await admin.getByTestId('preset-save').click();
    await expect
      .poll(() => admin.getByTestId('preset-saved').textContent(), { timeout: 15_000 })
      .toContain('Saved the preset Code Blue.');

    await admin.goto(`${new URL(admin.url()).origin}/admin/presets`);
    await expect.poll(() => codeBlue().textContent(), { timeout: 20_000 }).toContain('repeats every 45 s');
    expect(await codeBlue().textContent()).toContain('anaesthesia 1, nurse 1');
  });

  it('is never offered to a nurse', async () => {
    const nurse = await staff.signIn('nurse');
    await nurse.getByTestId('tab-chats').waitFor({ timeout: 15_000 });
    expect(await nurse.getByTestId('tab-admin').count()).toBe(0);
  });
});
