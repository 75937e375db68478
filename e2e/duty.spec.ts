// Issue #9, duty shifts in Chromium: the warning before a shift's end shows
// under the bar with Extend; one extension keeps the person on duty past the
// first end, and at the (extended) end duty turns off by itself and says so.
// Shifts here are 21.6 s long (BLEEP_DUTY_MAX_SHIFT_HOURS=0.006), warned 18 s
// before, extended by 21.6 s.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContexts } from './support/browser.ts';
import { signIn } from './support/sign-in.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const SHIFT_MS = 21_600;
let stack: TestStack;
let close: () => Promise<void>;
let nurse: Page;
let onDutyAt = 0;

beforeAll(async () => {
  stack = await startTestStack(undefined, {
    BLEEP_DUTY_MAX_SHIFT_HOURS: '0.006',
    BLEEP_DUTY_WARNING_MINUTES: '0.3',
    BLEEP_DUTY_EXTENSION_HOURS: '0.006',
  });
  let contexts;
  ({ contexts, close } = await openContexts(stack.settings.tls.cert, 1));
  nurse = await contexts[0]!.newPage();
  await signIn(nurse, stack, 'nurse');
});

afterAll(async () => {
  await close?.();
  await stack?.close();
});

const notice = () => nurse.getByTestId('shift-notice');

describe('duty shifts', () => {
  it('warns before the end of the shift, and one tap on Extend keeps the person on duty past it', async () => {
    await nurse.getByTestId('duty-toggle').check();
    onDutyAt = Date.now();
    await expect
      .poll(() => notice().textContent(), { timeout: 15_000 })
      .toMatch(/Your shift ends at .*off duty by yourself/);
    await nurse.getByTestId('shift-extend').click();
    await expect
      .poll(() => nurse.getByTestId('shift-extended').textContent(), { timeout: 10_000 })
      .toMatch(/Your shift now ends at .* cannot be extended again/);
    expect(await nurse.getByTestId('shift-extend').count()).toBe(0);

    // Past the first end (and the scheduler's slack), still on duty.
    await nurse.waitForTimeout(Math.max(0, onDutyAt + SHIFT_MS + 3000 - Date.now()));
    expect(await nurse.getByTestId('duty-toggle').isChecked()).toBe(true);
  });

  it('at the end of the extended shift turns duty off by itself and says so', async () => {
    await expect
      .poll(() => nurse.getByTestId('duty-toggle').isChecked(), {
        timeout: 2 * SHIFT_MS + 15_000 - (Date.now() - onDutyAt),
      })
      .toBe(false);
    expect(Date.now() - onDutyAt).toBeGreaterThanOrEqual(2 * SHIFT_MS - 1000);
    await expect
      .poll(() => notice().textContent(), { timeout: 10_000 })
      .toMatch(/Your shift reached its end: you are off duty now/);
    expect(await nurse.getByTestId('location-chip').count()).toBe(0);
  });
});
