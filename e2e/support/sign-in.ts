// Signs a demo account in through the login page and waits until it is online.
// A device that signed in before comes back signed in by its token (XEP-0484)
// after a reload; then there is no login page to fill.
import type { Page } from 'playwright-core';
import { account, type TestStack } from './stack.ts';

export async function signIn(page: Page, stack: TestStack, user: string): Promise<void> {
  const a = account(stack, user);
  await page.goto(stack.url);
  const form = page.getByTestId('login-username');
  await form.or(page.getByTestId('tabs')).first().waitFor({ timeout: 20_000 });
  if (await form.isVisible()) {
    await form.fill(a.user);
    await page.getByTestId('login-password').fill(a.password);
    await page.getByTestId('login-submit').click();
  }
  await page.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
}
