// Issue #8, end to end: a doctor sends "Accept Patient" to the on-duty
// anaesthesia role from a chat (Request…, the component's forms); two
// colleagues, in their own browsers, see the buttons; one taps Accept — one
// tap, counted; both see "Accepted by …", and the other can no longer accept;
// the sender sees the tally under Requests and downloads the CSV, whose rows
// are read and checked; she sees her own request, live, in the chat she sent
// it from, after a reload too.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUDIT_CSV_COLUMNS } from '@bleep/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, openChatWith, showTab } from './support/nav.ts';
import { people, SHOTS, type People } from './support/people.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let crowd: People;
/** Dr Amara Okafor (cardiology) sends; Dr Jonas Weber and Priya Shah hold anaesthesia on duty. */
let amara: Page;
let jonas: Page;
let priya: Page;

/** The request's line in the chat with Amara: opened from the Chats list, as the person would. */
async function openRequest(p: Page): Promise<void> {
  await showTab(p, 'chats');
  const row = p.locator(`[data-testid="conversation"][data-peer="${account(stack, 'doctor1').jid}"]`);
  await expect.poll(() => row.textContent(), { timeout: 15_000 }).toContain('Accept Patient: Waiting for an answer');
  await row.click();
  await p.getByTestId('message-request').waitFor({ timeout: 10_000 });
}
const choice = (p: Page, value: string) => p.locator(`[data-testid="message-request-choice"][data-choice="${value}"]`);
const status = (p: Page) => p.getByTestId('message-request-status').textContent();
/** The status line once Priya (the nurse) has accepted. */
const acceptedByPriya = () => new RegExp(`^Accepted by ${account(stack, 'nurse').name} at \\d?\\d:\\d\\d`);

beforeAll(async () => {
  stack = await startTestStack();
  // A second anaesthetist: an admin gives Priya the role (directory-edit, as any XMPP client can).
  const { login, runCommand } = await import('@bleep/prosody-config/test-client');
  const admin = await login(stack.settings, account(stack, 'admin'));
  await new Promise((r) => setTimeout(r, 500)); // stream management first (DESIGN.md trap)
  const nurse = account(stack, 'nurse');
  const saved = await runCommand(admin, stack.settings.opsHost, 'directory-edit', {
    jid: nurse.jid,
    name: nurse.name,
    roles: ['nurse', 'anaesthesia'],
    department: nurse.department,
    extension: '',
  });
  await admin.stop();
  expect(saved.attrs.type).toBe('result');
  crowd = people(stack);
  [amara, jonas, priya] = (await Promise.all(['doctor1', 'doctor2', 'nurse'].map((u) => crowd.signIn(u)))) as [
    Page,
    Page,
    Page,
  ];
});

afterAll(async () => {
  await crowd?.close();
  await stack?.close();
});

describe('quick responses', () => {
  it('sends "Accept Patient" to the on-duty anaesthesia role from a chat, with the template’s fields', async () => {
    for (const p of [jonas, priya]) await p.getByTestId('duty-toggle').check();
    for (const p of [jonas, priya]) await expect.poll(() => p.getByTestId('duty-toggle').isChecked()).toBe(true);
    await openChatWith(amara, stack, 'doctor2');
    await amara.getByTestId('request-new').click();
    // Step 1, as the component declares it: the template, and whom to ask (this chat's person, prefilled).
    const jonasBox = amara.locator(
      `[data-testid="request-field-people"][data-value="${account(stack, 'doctor2').jid}"]`,
    );
    await expect.poll(() => jonasBox.isChecked(), { timeout: 10_000 }).toBe(true);
    await amara.getByTestId('request-field-template').selectOption('accept-patient');
    await jonasBox.uncheck();
    await amara.getByTestId('request-field-role').fill('anaesthesia');
    await amara.getByTestId('request-submit').click();
    // Step 2: the template's own fields.
    await amara.getByTestId('request-field-patient').fill('Mr Adeyemi');
    await amara.getByTestId('request-field-bed').fill('12');
    await amara.screenshot({ path: join(SHOTS, 'requests-fields.png') });
    await amara.getByTestId('request-submit').click();
    await expect
      .poll(() => amara.getByTestId('request-sent').textContent(), { timeout: 10_000 })
      .toMatch(/Accept Patient.*2 people/);
    // Her own copy, in the chat she sent it from (Jonas's, though it asked the role): its status, no buttons.
    await openChatWith(amara, stack, 'doctor2');
    await expect.poll(() => status(amara), { timeout: 10_000 }).toBe('Waiting for an answer');
    expect(await amara.getByTestId('message-request-choice').count()).toBe(0);
  });

  it('both anaesthetists see the buttons; one tap accepts; both see who took it; the other can no longer accept', async () => {
    await Promise.all([openRequest(jonas), openRequest(priya)]);
    for (const p of [jonas, priya]) {
      expect(await p.getByTestId('message-request-choice').allTextContents()).toEqual(['Accept', 'Decline']);
      expect(await choice(p, 'accept').isEnabled()).toBe(true);
      expect(await p.locator('[data-testid="message-request"] dd').allTextContents()).toEqual(['Mr Adeyemi', '12']);
    }
    // The sender watches the tally: it changes without a reload.
    await amara.getByTestId('tab-requests').click();
    const item = amara.getByTestId('requests-item').first();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('pending');
    expect(await item.getByTestId('requests-tally').textContent()).toBe('0 accepted · 0 declined · 2 waiting');

    await priya.evaluate(() => {
      const w = window as unknown as { taps: number };
      w.taps = 0;
      document.addEventListener('click', () => w.taps++, true);
    });
    await choice(priya, 'accept').click();
    const accepted = acceptedByPriya();
    await expect.poll(() => status(priya), { timeout: 10_000 }).toMatch(accepted);
    await expect.poll(() => status(jonas), { timeout: 10_000 }).toMatch(accepted);
    expect(await priya.evaluate(() => (window as unknown as { taps: number }).taps)).toBe(1);
    expect(await priya.getByTestId('message-request-mine').textContent()).toBe('Your answer: Accept');
    await expect.poll(() => choice(jonas, 'accept').isDisabled()).toBe(true);
    expect(await choice(jonas, 'decline').isDisabled()).toBe(true);
    await jonas.screenshot({ path: join(SHOTS, 'requests-accepted.png') });
    // The Chats list says so too.
    await showTab(jonas, 'chats');
    await expect
      .poll(() =>
        jonas.locator(`[data-testid="conversation"][data-peer="${account(stack, 'doctor1').jid}"]`).textContent(),
      )
      .toMatch(/Accept Patient: Accepted by Priya Shah/);
    // From the archive after a reload: the request, once, with the status it closed with.
    await jonas.reload();
    await jonas.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
    await showTab(jonas, 'chats');
    const row = jonas.locator(`[data-testid="conversation"][data-peer="${account(stack, 'doctor1').jid}"]`);
    await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/Accept Patient: Accepted by Priya Shah/);
    await row.click();
    await expect.poll(() => status(jonas), { timeout: 10_000 }).toMatch(accepted);
    expect(await jonas.getByTestId('message-request').count()).toBe(1);
    expect(await choice(jonas, 'accept').isDisabled()).toBe(true);
  });

  it('shows the sender the tally under Requests, and exports the audit trail as CSV', async () => {
    const item = amara.getByTestId('requests-item').first();
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 10_000 }).toBe('accepted');
    expect(await item.getByTestId('requests-tally').textContent()).toBe('1 accepted · 0 declined · 1 waiting');
    expect(await item.getByTestId('requests-answer').allTextContents()).toEqual([
      expect.stringMatching(/^Priya Shah: accept at /),
    ]);
    await amara.screenshot({ path: join(SHOTS, 'requests-history.png') });

    const [download] = await Promise.all([
      amara.waitForEvent('download'),
      amara.getByTestId('requests-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^bleep-requests-\d{4}-\d\d-\d\d\.csv$/);
    const rows = readFileSync((await download.path())!, 'utf8')
      .trimEnd()
      .split('\r\n')
      .map((l) => l.split(','));
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    const col = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => AUDIT_CSV_COLUMNS.indexOf(name);
    const events = rows.slice(1).map((r) => [r[col('event')], r[col('who')], r[col('choice')]]);
    const [doctor1, doctor2, nurse] = ['doctor1', 'doctor2', 'nurse'].map((u) => account(stack, u).jid);
    expect(events).toContainEqual(['created', doctor1, '']);
    expect(events).toContainEqual(['delivered', doctor2, '']);
    expect(events).toContainEqual(['delivered', nurse, '']);
    expect(events).toContainEqual(['answered', nurse, 'accept']);
    expect(events.filter((e) => e[0] === 'answered')).toHaveLength(1);
    for (const r of rows.slice(1)) expect(r[col('title')]).toBe('Accept Patient');
  });

  it('the sender sees her request closed in the chat she sent it from, live, and again after a reload', async () => {
    const accepted = acceptedByPriya();
    const row = amara.locator(`[data-testid="conversation"][data-peer="${account(stack, 'doctor2').jid}"]`);
    for (const reload of [false, true]) {
      if (reload) {
        await amara.reload();
        await amara.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 20_000 });
      }
      await showTab(amara, 'chats');
      await expect.poll(() => row.textContent(), { timeout: 15_000 }).toMatch(/Accept Patient: Accepted by Priya Shah/);
      await row.click();
      await expect.poll(() => status(amara), { timeout: 10_000 }).toMatch(accepted);
      expect(await amara.getByTestId('message-request').count()).toBe(1);
      expect(await amara.getByTestId('message-request-choice').count()).toBe(0);
    }
  });

  it('in a room: the component posts it, each member answers (one from the keyboard), and everyone sees the tally', async () => {
    await createRoom(amara, stack, 'Ward 3', ['doctor2', 'nurse']);
    for (const p of [jonas, priya]) {
      await showTab(p, 'chats');
      const entry = p.locator('[data-testid="room"]', { hasText: 'Ward 3' });
      await entry.waitFor({ timeout: 15_000 });
      await entry.click();
    }

    await amara.getByTestId('request-new').click();
    await amara.getByTestId('request-field-template').selectOption('request-assistance');
    // Started in the room: the room is whom it asks.
    expect(await amara.getByTestId('request-field-room').inputValue()).toMatch(/@conference\./);
    await amara.getByTestId('request-submit').click();
    await amara.getByTestId('request-field-where').fill('Ward 3, bay 2');
    await amara.getByTestId('request-submit').click();
    await amara.getByTestId('request-sent').waitFor({ timeout: 10_000 });
    await amara.goBack();

    const card = (p: Page) => p.getByTestId('room-request').last();
    const roomStatus = (p: Page) => card(p).getByTestId('room-request-status').textContent();
    for (const p of [amara, jonas, priya])
      await expect.poll(() => roomStatus(p), { timeout: 15_000 }).toBe('Waiting: 0 of 2 needed');
    // The sender is not asked: no buttons for her.
    expect(await card(amara).getByTestId('room-request-choice').count()).toBe(0);

    // Jonas from the keyboard: the button takes focus, Enter answers.
    const onMyWay = (p: Page) => card(p).locator('[data-testid="room-request-choice"][data-choice="on-my-way"]');
    await onMyWay(jonas).focus();
    await jonas.keyboard.press('Enter');
    await expect
      .poll(() => card(jonas).getByTestId('room-request-mine').textContent(), { timeout: 10_000 })
      .toBe('Your answer: On my way');
    await onMyWay(priya).click();
    for (const p of [amara, jonas, priya]) {
      await expect.poll(() => roomStatus(p), { timeout: 10_000 }).toMatch(/^Accepted at /);
      expect(await card(p).getByTestId('room-request-tally').textContent()).toBe('2 accepted · 0 declined · 0 waiting');
    }
    await priya.screenshot({ path: join(SHOTS, 'requests-room.png') });
  });
});
