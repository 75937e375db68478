// OMEMO in the app as a user sees it, and in the server's archive.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
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

/**
 * A peer client's first message came in: the chat with `peer` appears in Chats,
 * shows `text` with a closed lock; `answer` is sent back and shows a closed lock too.
 * `why` adds what the peer's side shows when the chat never appears.
 */
export async function readLockedAndAnswer(
  page: Page,
  peer: string,
  text: string,
  answer: string,
  why: () => string = () => '',
): Promise<void> {
  await showTab(page, 'chats');
  const row = page.locator(`[data-testid="conversation"][data-peer="${peer}"]`);
  await row.waitFor({ timeout: 30_000 }).catch((e: Error) => {
    throw new Error(`${e.message}\n${why()}`);
  });
  await row.click();
  await expect.poll(() => page.getByTestId('message-body').last().textContent(), { timeout: 30_000 }).toBe(text);
  expect(await page.getByTestId('message-lock').last().getAttribute('data-security')).toBe('encrypted');
  expect(await page.getByTestId('message-undecryptable').count()).toBe(0);

  await page.getByTestId('composer').fill(answer);
  await page.getByTestId('send').click();
  await expect
    .poll(() => page.getByTestId('message-lock').last().getAttribute('data-security'), { timeout: 30_000 })
    .toBe('encrypted');
}

/** At rest: the stack's Prosody archive holds at least `encrypted` OMEMO messages and none of `words`. */
export function archiveHoldsOnlyCiphertext(dataDir: string, words: readonly string[], encrypted = 2): void {
  const db = new DatabaseSync(join(dataDir, 'prosody.sqlite'), { readOnly: true, timeout: 5_000 });
  try {
    const rows = db
      .prepare(`SELECT "value" FROM "prosodyarchive" WHERE "store" = 'archive'`)
      .all()
      .map((r) => String(r.value));
    expect(rows.filter((r) => r.includes('eu.siacs.conversations.axolotl')).length).toBeGreaterThanOrEqual(encrypted);
    for (const r of rows) for (const w of words) expect(r).not.toContain(w);
  } finally {
    db.close();
  }
}
