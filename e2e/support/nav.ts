// Getting around the app shell as a user does: the main tabs (a bottom bar on
// a phone, a rail on a desktop), Settings, and New on the Chats tab.
import type { Page } from 'playwright-core';
import { account, type TestStack } from './stack.ts';

/** A main tab's list. On a phone the bar shows only over lists: from a conversation, back first. */
export async function showTab(page: Page, id: 'chats' | 'colleagues'): Promise<void> {
  const tab = page.getByTestId(`tab-${id}`);
  if (!(await tab.isVisible())) await page.getByRole('link', { name: /^Back to/ }).click();
  await tab.click();
}

/** Colleagues, then the colleague: the chat with them. */
export async function openChatWith(page: Page, stack: TestStack, user: string): Promise<void> {
  await showTab(page, 'colleagues');
  await page.locator(`[data-testid="directory-entry"][data-jid="${account(stack, user).jid}"]`).click();
  await page
    .getByTestId('chat-title')
    .filter({ hasText: account(stack, user).name })
    .waitFor();
}

export const openSettings = (page: Page) => page.getByTestId('settings').click();

/** New on the Chats tab, then a message to a role or a new room. */
export async function startNew(page: Page, kind: 'role' | 'room'): Promise<void> {
  await showTab(page, 'chats');
  await page.getByTestId('new-conversation').click();
  await page.getByTestId(`${kind}-new`).click();
}

/** New → Write to a role: the role and the text, then Send. */
export async function writeToRole(page: Page, role: string, text: string): Promise<void> {
  await startNew(page, 'role');
  await page.getByTestId('role-name').fill(role);
  await page.getByTestId('role-text').fill(text);
  await page.getByTestId('role-send').click();
}

/** New → A new room: its name and the colleagues to invite; resolves once the room is open. */
export async function createRoom(page: Page, stack: TestStack, name: string, users: readonly string[]): Promise<void> {
  await startNew(page, 'room');
  await page.getByTestId('room-name').fill(name);
  for (const user of users)
    await page.locator(`[data-testid="room-member"][data-jid="${account(stack, user).jid}"]`).check();
  await page.getByTestId('room-create').click();
  await page.getByTestId('room-title').filter({ hasText: name }).waitFor({ timeout: 15_000 });
}
