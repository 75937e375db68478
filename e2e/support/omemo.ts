// OMEMO in the app as a user sees it.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { openSettings, showTab } from './nav.ts';

/**
 * Settings says encryption is on once this device is on the account's device list.
 * A new device first makes its keys (a hundred prekeys, asm.js curve): about a
 * second on a quiet machine, over 15 s on two loaded cores; hence the wait.
 */
export async function encryptionOn(page: Page): Promise<void> {
  await openSettings(page);
  await expect.poll(() => page.getByTestId('omemo-state').textContent(), { timeout: 45_000 }).toContain('On (OMEMO)');
  expect(await page.getByTestId('omemo-fingerprint').textContent()).toMatch(/^([0-9a-f]{8} ){7}[0-9a-f]{8}$/);
  await showTab(page, 'chats');
}
