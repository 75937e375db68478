// Signs a demo account in through the login page and waits until it is online.
import type { Page } from 'playwright-core';
import { account, type TestStack } from './stack.ts';

export async function signIn(page: Page, stack: TestStack, user: string): Promise<void> {
  const a = account(stack, user);
  await page.goto(stack.url);
  await page.getByTestId('login-username').fill(a.user);
  await page.getByTestId('login-password').fill(a.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
}
