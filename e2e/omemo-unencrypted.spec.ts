// Issue #11, in Chromium: nothing the user writes goes unencrypted unasked.
// Priya (nurse) uses a client without OMEMO (a bare XMPP client here), so
// nothing can be encrypted for her. Dana opens their 1:1 chat: it says so
// before she writes; her message waits, saying why, until she chooses "Send
// unencrypted" (then its lock shows it open) — Priya gets nothing before.
// Dana writes to the on-duty nurse (a role): the app names Priya and why
// before anything goes; "Cancel" sends nothing and the component's record of
// it says it reached nobody (withdrawn), "Send unencrypted to them" sends it,
// with an open lock, and the record names Priya. A room whose only other member is Priya asks
// the same way (the one rule of omemo/encrypt.ts). A withdrawal is durable:
// cancelled while the component is away, it waits, saying so, and goes once
// the component is back; a question left open when the app closed counts as
// cancelled and is withdrawn when the app opens again.
import { DatabaseSync } from 'node:sqlite';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, openChatWith, showTab, startNew, writeToRole } from './support/nav.ts';
import { encryptionOn } from './support/omemo.ts';
import { people, type People } from './support/people.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

type TestClient = Awaited<ReturnType<(typeof import('@bleep/prosody-config/test-client'))['login']>>;

let stack: TestStack;
let crowd: People;
let dana: Page;
let priya: TestClient;
/** The bodies Priya's client received, in order. */
const heard: string[] = [];

const CHAT_TEXT = 'Bed 2 swab result is back';
const ROLE_TEXT = 'Bed 7 obs due now';
const CANCELLED_TEXT = 'Bed 9 drip is empty';
const ROOM_TEXT = 'Handover at 7 in the side room';
const AWAY_TEXT = 'Bed 3 wound check';
const CLOSED_TEXT = 'Bed 5 fluids review';
const lastLock = () => dana.getByTestId('message-lock').last().getAttribute('data-security');
/** Dana's latest message to a role as the component's audit record keeps it: whom it reached, withdrawn when. */
function lastRoleRecord() {
  const db = new DatabaseSync(join(stack.settings.dataDir, 'component.sqlite'), { readOnly: true, timeout: 5_000 });
  try {
    const row = db
      .prepare('SELECT reached, withdrawn_at FROM role_deliveries WHERE sender = ? ORDER BY at DESC LIMIT 1')
      .get(account(stack, 'dispatcher').jid) as { reached: string; withdrawn_at: string | null } | undefined;
    return (
      row && {
        reached: (JSON.parse(row.reached) as { name: string }[]).map((p) => p.name),
        withdrawn: !!row.withdrawn_at,
      }
    );
  } finally {
    db.close();
  }
}
/** Dana's latest message to a role: the question who cannot get it encrypted is open, the record names Priya. */
async function askedAbout(text: string): Promise<void> {
  await writeToRole(dana, 'nurse', text);
  await dana.getByTestId('role-unencrypted').waitFor({ timeout: 30_000 });
  expect(lastRoleRecord()).toEqual({ reached: [account(stack, 'nurse').name], withdrawn: false });
}
/** Long enough for a message that was going to leave to reach Priya. */
const quietFor = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  stack = await startTestStack();
  crowd = people(stack);
  const { login, runCommand, xml } = await import('@bleep/prosody-config/test-client');
  priya = await login(stack.settings, account(stack, 'nurse'));
  priya.on('stanza', ((el: { name: string; getChildText(n: string): string | null }) => {
    const body = el.name === 'message' ? el.getChildText('body') : null;
    if (body) heard.push(body);
  }) as never);
  await priya.send(xml('presence'));
  const duty = await runCommand(priya, stack.settings.opsHost, COMMANDS.duty, { [F.onDuty]: 'true' });
  expect(duty.attrs.type).toBe('result');
  dana = await crowd.signIn('dispatcher');
});

afterAll(async () => {
  await priya?.stop().catch(() => {});
  await crowd?.close();
  await stack?.close();
});

describe('a message that cannot be encrypted is never sent unencrypted unasked', () => {
  it('1:1: waits saying why; only "Send unencrypted" sends it, with an open lock', async () => {
    await encryptionOn(dana);
    await openChatWith(dana, stack, 'nurse');
    // Said before anything is written.
    await expect
      .poll(() => dana.getByTestId('chat-encryption').textContent(), { timeout: 30_000 })
      .toContain('Not encrypted: the colleague has no encryption device');
    await dana.getByTestId('composer').fill(CHAT_TEXT);
    await dana.getByTestId('send').click();
    const held = dana.getByTestId('message-held').last();
    await expect.poll(() => held.textContent(), { timeout: 30_000 }).toContain('cannot be encrypted');
    expect(await held.textContent()).toContain('the colleague has no encryption device');
    await quietFor(4_000);
    expect(heard).not.toContain(CHAT_TEXT);
    expect(await dana.getByTestId('message-status').last().textContent()).toContain('sending');

    await dana.getByTestId('message-send-plain').last().click();
    await expect.poll(() => heard, { timeout: 15_000 }).toContain(CHAT_TEXT);
    await expect.poll(lastLock, { timeout: 15_000 }).toBe('plain');
    expect(await dana.getByTestId('message-lock').last().getAttribute('aria-label')).toBe('Not encrypted');
    expect(await dana.getByTestId('message-send-plain').count()).toBe(0);
  });

  it('to a role: names who cannot get it encrypted and why first; Cancel sends nothing', async () => {
    await writeToRole(dana, 'nurse', CANCELLED_TEXT);
    const who = dana.getByTestId('role-unencrypted-person');
    await expect.poll(() => who.textContent(), { timeout: 30_000 }).toContain(account(stack, 'nurse').name);
    expect(await who.textContent()).toContain('the colleague has no encryption device');
    await dana.getByTestId('role-cancel').click();
    await expect
      .poll(() => dana.getByTestId('role-error').textContent(), { timeout: 10_000 })
      .toBe('Not sent: you cancelled it, as it could not be encrypted.');
    // The audit does not claim it reached her: withdrawn, it reached nobody.
    expect(lastRoleRecord()).toEqual({ reached: [], withdrawn: true });
    await quietFor(3_000);
    expect(heard.some((b) => b.includes(CANCELLED_TEXT))).toBe(false);
  });

  it('to a role: "Send unencrypted to them" reaches Priya, and Dana sees its open lock', async () => {
    await dana.getByTestId('role-text').fill(ROLE_TEXT);
    await dana.getByTestId('role-send').click();
    await dana.getByTestId('role-unencrypted').waitFor({ timeout: 30_000 });
    expect(heard.some((b) => b.includes(ROLE_TEXT))).toBe(false);
    await dana.getByTestId('role-send-plain').click();
    await expect
      .poll(() => dana.getByTestId('role-reached-person').textContent(), { timeout: 30_000 })
      .toBe(account(stack, 'nurse').name);
    await expect.poll(() => heard, { timeout: 15_000 }).toContain(`To on-duty nurse: ${ROLE_TEXT}`);
    expect(lastRoleRecord()).toEqual({ reached: [account(stack, 'nurse').name], withdrawn: false });
    await dana.getByTestId('role-reached-person').click();
    await expect
      .poll(() => dana.getByTestId('message-body').last().textContent(), { timeout: 15_000 })
      .toBe(`To on-duty nurse: ${ROLE_TEXT}`);
    await expect.poll(lastLock, { timeout: 15_000 }).toBe('plain');
  });

  it('a room where no other member has an encryption device asks the same way', async () => {
    await createRoom(dana, stack, 'Side room', ['nurse']);
    await dana.getByTestId('room-composer').fill(ROOM_TEXT);
    await dana.getByTestId('room-send').click();
    const held = dana.getByTestId('room-held').last();
    await expect
      .poll(() => held.textContent(), { timeout: 30_000 })
      .toContain('no other member of this room has an encryption device yet');
    expect(await dana.getByTestId('room-lock').count()).toBe(0);
    await dana.getByTestId('room-send-plain').last().click();
    await expect
      .poll(() => dana.getByTestId('room-lock').last().getAttribute('data-security'), { timeout: 15_000 })
      .toBe('plain');
  });

  it('to a role: Cancel while the service is away says the withdrawal waits, and it goes once the service is back', async () => {
    await askedAbout(AWAY_TEXT);
    await stack.component.stop();
    try {
      await dana.getByTestId('role-cancel').click();
      await expect
        .poll(() => dana.getByTestId('role-error').textContent(), { timeout: 30_000 })
        .toContain('its record still says it reached them; it is told as soon as it can be');
      // Under the bar, once, on whatever screen Dana goes to next: she may not open the role page again.
      await showTab(dana, 'chats');
      const waiting = dana.getByTestId('role-withdrawal-waiting');
      expect(await waiting.count()).toBe(1);
      expect(await waiting.textContent()).toContain(
        'Not withdrawn yet: the operations service has not been told that your message to nurse did not go',
      );
    } finally {
      await stack.component.start();
    }
    // Nobody reloads or sends anything: the app tries again by itself, and says so where Dana is.
    await expect.poll(lastRoleRecord, { timeout: 40_000 }).toEqual({ reached: [], withdrawn: true });
    await expect
      .poll(() => dana.getByTestId('role-withdrawal').textContent(), { timeout: 10_000 })
      .toBe('Withdrawn: its record now says your message to nurse reached nobody.');
    expect(await dana.getByTestId('role-withdrawal-waiting').count()).toBe(0);
    expect(await dana.getByTestId('role-text').count()).toBe(0); // still on Chats, not the role page
    await dana.getByTestId('role-withdrawal-dismiss').click();
    expect(await dana.getByTestId('role-withdrawal').count()).toBe(0);
    expect(heard.some((b) => b.includes(AWAY_TEXT))).toBe(false);
  });

  it('to a role: the app closed while Dana was asked; opened again, it counts as cancelled and is withdrawn', async () => {
    await askedAbout(CLOSED_TEXT);
    await showTab(dana, 'chats'); // the app opens again on Chats, not on the role page
    await dana.reload();
    await dana.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 30_000 });
    await expect.poll(lastRoleRecord, { timeout: 30_000 }).toEqual({ reached: [], withdrawn: true });
    // Said on the screen the app opened on, without opening the role page; and there once too, not twice.
    const said =
      'Not sent: your message to nurse was still waiting for your choice when the app closed, so it counts as ' +
      'cancelled. Withdrawn: its record now says your message to nurse reached nobody.';
    await expect.poll(() => dana.getByTestId('role-withdrawal').textContent(), { timeout: 10_000 }).toBe(said);
    await startNew(dana, 'role');
    expect(await dana.getByTestId('role-withdrawal').allTextContents()).toEqual([said]);
    await quietFor(3_000);
    expect(heard.some((b) => b.includes(CLOSED_TEXT))).toBe(false);
  });
});
