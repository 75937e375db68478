// Bleep's own pages in the send-to-display benchmarks: sign in, open the chat,
// send with the composer's form (what the Send button does).
import type { Page } from 'playwright-core';
import { openChatWith, openSettings } from '../e2e/support/nav.ts';
import { signIn } from '../e2e/support/sign-in.ts';
import type { TestStack } from '../e2e/support/stack.ts';
import type { Send } from './display.ts';

/** The element that holds a message's text in Bleep's chat. */
export const BLEEP_BODY = '[data-testid="message-body"]';

/**
 * Signs `user` in and opens the chat with `peer` (both demo users); with
 * `omemo`, first waits until Settings says this device's keys are on the
 * account's list (a new device makes them: seconds on a loaded machine).
 */
export async function openBleepChat(
  page: Page,
  stack: TestStack,
  user: string,
  peer: string,
  opts: { omemo?: boolean } = {},
): Promise<void> {
  await signIn(page, stack, user);
  if (opts.omemo) {
    await openSettings(page);
    await page.getByTestId('omemo-state').filter({ hasText: 'On (OMEMO)' }).waitFor({ timeout: 60_000 });
  }
  await openChatWith(page, stack, peer);
  await page.getByTestId('composer').waitFor();
}

export const bleepSend: Send = (page, text) =>
  page.evaluate((t) => {
    const ta = document.querySelector<HTMLTextAreaElement>('[data-testid="composer"]')!;
    ta.value = t;
    ta.dispatchEvent(new Event('input'));
    const at = performance.timeOrigin + performance.now();
    ta.form!.requestSubmit();
    return at;
  }, text);

/** The lock of the last message in Bleep's open chat ('encrypted' when OMEMO carried it). */
export const bleepLastLock = (page: Page) => page.getByTestId('message-lock').last().getAttribute('data-security');
