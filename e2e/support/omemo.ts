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

/** In the open room: `text` shows with a closed lock; `answer` is sent and shows a closed lock too. */
export async function readRoomLockedAndAnswer(page: Page, text: string, answer: string): Promise<void> {
  await expect.poll(() => page.getByTestId('room-body').allTextContents(), { timeout: 30_000 }).toContain(text);
  expect(await page.getByTestId('room-lock').last().getAttribute('data-security')).toBe('encrypted');

  await page.getByTestId('room-composer').fill(answer);
  await page.getByTestId('room-send').click();
  await expect
    .poll(() => page.getByTestId('room-lock').last().getAttribute('data-security'), { timeout: 30_000 })
    .toBe('encrypted');
}

/**
 * At rest: the stack's Prosody archives (1:1 `archive`, rooms `muc_log`) hold at least
 * `encrypted` OMEMO messages of each kind, and no store holds any of `words`.
 */
export function archiveHoldsOnlyCiphertext(
  dataDir: string,
  words: readonly string[],
  encrypted: { archive: number; muc_log?: number } = { archive: 2 },
): void {
  const db = new DatabaseSync(join(dataDir, 'prosody.sqlite'), { readOnly: true, timeout: 5_000 });
  try {
    const rows = db
      .prepare(`SELECT "store", "value" FROM "prosodyarchive"`)
      .all()
      .map((r) => ({ store: String(r.store), value: String(r.value) }));
    for (const [store, least] of Object.entries(encrypted)) {
      const omemo = rows.filter((r) => r.store === store && r.value.includes('eu.siacs.conversations.axolotl'));
      expect(omemo.length, `OMEMO messages in ${store}`).toBeGreaterThanOrEqual(least);
    }
    for (const r of rows) for (const w of words) expect(r.value).not.toContain(w);
  } finally {
    db.close();
  }
}
