// Pages opened straight from their address (a bookmark, a link pasted into a
// new tab, a reload), also with the network gone as the page loads and back a
// moment later: a chat shows its earlier messages and a request's buttons, a
// room its name and history, "Request…" its form, the Requests and Incidents
// tabs their lists; an address that names nobody or no room says so. The
// admin pages have theirs (admin-direct).
import { NS_DISCO_INFO } from '@bleep/protocol';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRoom, openChatWith, showTab } from './support/nav.ts';
import { goOffline } from './support/offline.ts';
import { encryptionOn } from './support/omemo.ts';
import { people, type People } from './support/people.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let crowd: People;
/** Dr Amara Okafor writes; Dr Jonas Weber is asked; Dana dispatches (the Incidents tab). */
let amara: Page;
let jonas: Page;
let dana: Page;
let roomPath = '';

const CHAT_TEXT = 'Bed 7 is ready for the transfer';
const ROOM_TEXT = 'Handover at 7 in the day room';

beforeAll(async () => {
  stack = await startTestStack();
  crowd = people(stack);
  [amara, jonas, dana] = (await Promise.all(['doctor1', 'doctor2', 'dispatcher'].map((u) => crowd.signIn(u)))) as [
    Page,
    Page,
    Page,
  ];
});

afterAll(async () => {
  await crowd?.close();
  await stack?.close();
});

const online = (p: Page) =>
  p.getByTestId('connection-state').filter({ hasText: 'online' }).waitFor({ timeout: 30_000 });

/**
 * The address in this tab as a new page would open it, or a reload once there. `progress`: the network is gone as
 * the page loads (the service worker answers with the app), the page says it is waiting (that test id shows), and
 * the network comes back 3 s later; the saved sign-in can connect only then.
 */
async function arrive(
  p: Page,
  path: string,
  how: 'opened' | 'reloaded',
  progress: string | false = false,
): Promise<void> {
  const url = `${new URL(p.url()).origin}${path}`;
  if (how === 'reloaded') {
    await p.goto(url);
    await online(p);
  }
  if (progress) await goOffline(p);
  await (how === 'reloaded' ? p.reload() : p.goto(url));
  if (!progress) return;
  await shows(p, progress);
  await new Promise((r) => setTimeout(r, 3000));
  expect(await p.getByTestId('connection-state').textContent()).not.toContain('online');
  await p.context().setOffline(false);
}

/** Waits until `testid` shows `text`, up to 30 s (a loaded machine); else fails saying what the page showed. */
async function shows(p: Page, testid: string, text?: string): Promise<void> {
  const target = p.getByTestId(testid);
  try {
    await (text ? target.filter({ hasText: text }) : target).first().waitFor({ timeout: 30_000 });
  } catch (e) {
    const read = (what: string) =>
      p
        .locator(what)
        .first()
        .textContent({ timeout: 1000 })
        .catch(() => '(none)');
    throw new Error(
      `${testid} ${text ?? ''} never showed at ${p.url()} (${await read('[data-testid="connection-state"]')}); ` +
        `the page: ${await read('main, section.pane')}`,
      { cause: e },
    );
  }
}

const WAYS = [
  { how: 'opened', cut: false },
  { how: 'reloaded', cut: false },
  { how: 'opened', cut: true },
  { how: 'reloaded', cut: true },
] as const;
const named = (w: (typeof WAYS)[number]) => `${w.how}${w.cut ? ', offline as it loads (it says it is waiting)' : ''}`;

describe('pages opened from their address', () => {
  // What the pages below show; each test after this one opens a page that reads it back.
  it('sets the scene: a message and a request in a chat, a room with a message', async () => {
    // Both devices on their OMEMO device lists before anyone writes (a message encrypted before a device is listed
    // cannot be read on it), as rooms.spec does.
    await Promise.all([amara, jonas].map(encryptionOn));
    // What the pages will show: a message and a request in the chat, a room with a message.
    await openChatWith(amara, stack, 'doctor2');
    await amara.getByTestId('composer').fill(CHAT_TEXT);
    await amara.getByTestId('send').click();
    await amara.getByTestId('request-new').click();
    await amara.getByTestId('request-field-template').selectOption('accept-patient', { timeout: 15_000 });
    await amara.getByTestId('request-submit').click();
    await amara.getByTestId('request-field-patient').fill('Mr Adeyemi');
    await amara.getByTestId('request-field-bed').fill('12');
    await amara.getByTestId('request-submit').click();
    await amara.getByTestId('request-sent').waitFor({ timeout: 15_000 });
    await createRoom(amara, stack, 'Ward 5 night', ['doctor2']);
    roomPath = new URL(amara.url()).pathname;
    // Jonas is in the room before she writes: the message reaches his device once, live, and is kept there decrypted
    // (the archive's copy on a reload is read from that). Written while his join was still catching up, it could
    // be decrypted twice and show "could not be decrypted" (seen once).
    const jonasRoom = jonas.locator('[data-testid="room"]', { hasText: 'Ward 5 night' });
    await jonasRoom.waitFor({ timeout: 30_000 });
    await amara.getByTestId('room-composer').fill(ROOM_TEXT);
    await amara.keyboard.press('Enter');
    await amara.getByTestId('room-body').filter({ hasText: ROOM_TEXT }).waitFor({ timeout: 15_000 });
    await expect.poll(() => jonasRoom.textContent(), { timeout: 30_000 }).toContain(ROOM_TEXT);
  }, 180_000);

  for (const w of WAYS) {
    it(`a chat shows its earlier messages and the request's buttons when ${named(w)}`, async () => {
      await arrive(jonas, `/chat/${account(stack, 'doctor1').jid}`, w.how, w.cut && 'message-loading');
      await shows(jonas, 'chat-title', account(stack, 'doctor1').name);
      await shows(jonas, 'message-body', CHAT_TEXT);
      await shows(jonas, 'message-request-choice', 'Accept');
      expect(await jonas.getByTestId('message-request-status').textContent()).toBe('Waiting for an answer');
    });

    it(`the sender's chat shows her request's state when ${named(w)}`, async () => {
      await arrive(amara, `/chat/${account(stack, 'doctor2').jid}`, w.how, w.cut && 'message-loading');
      await shows(amara, 'message-body', CHAT_TEXT);
      await shows(amara, 'message-request-status', 'Waiting for an answer');
    });

    it(`a room shows its name, who is in and its history when ${named(w)}`, async () => {
      await arrive(jonas, roomPath, w.how, w.cut && 'room-loading');
      await shows(jonas, 'room-title', 'Ward 5 night');
      await shows(jonas, 'room-body', ROOM_TEXT);
      await shows(jonas, 'room-presence', 'here');
    });

    it(`the Requests tab shows her request with its tally when ${named(w)}`, async () => {
      await arrive(amara, '/requests', w.how, w.cut && 'requests-loading');
      await shows(amara, 'requests-tally', '0 accepted · 0 declined · 1 waiting');
    });

    it(`the Incidents tab says none is open when ${named(w)}`, async () => {
      await arrive(dana, '/incidents', w.how, w.cut && 'incidents-loading');
      await shows(dana, 'incidents-empty');
    });

    it(`"Request…" shows its form, the person filled in, when ${named(w)}`, async () => {
      await arrive(jonas, `/request/chat/${account(stack, 'doctor1').jid}`, w.how, w.cut && 'request-loading');
      await shows(jonas, 'request-field-template');
      const box = jonas.locator(`[data-testid="request-field-people"][data-value="${account(stack, 'doctor1').jid}"]`);
      await expect.poll(() => box.isChecked(), { timeout: 10_000 }).toBe(true);
      expect(await jonas.getByTestId('request-error').count()).toBe(0);
    });
  }

  for (const how of ['opened', 'reloaded'] as const)
    it(`says there is nobody or no room at an address that names none when ${how}`, async () => {
      await arrive(jonas, '/chat/nobody@example.invalid', how);
      await shows(jonas, 'chat-unknown', 'nobody in the directory');
      await arrive(jonas, `/room/no-such-room@${stack.settings.mucHost}`, how);
      await shows(jonas, 'room-problem', 'no room at this address');
      // Opening it did not make the room: not in the list, and the server has no such room (an admin asks it).
      await showTab(jonas, 'chats');
      expect(await jonas.locator('[data-testid="room"]', { hasText: 'no-such-room' }).count()).toBe(0);
      const { login, exchange, xml } = await import('@bleep/prosody-config/test-client');
      const admin = await login(stack.settings, account(stack, 'admin'));
      const info = await exchange(
        admin,
        xml(
          'iq',
          { type: 'get', to: `no-such-room@${stack.settings.mucHost}` },
          xml('query', { xmlns: NS_DISCO_INFO }),
        ),
      );
      await admin.stop();
      expect(info.getChild('error')?.getChild('item-not-found')).toBeTruthy();
    });
});
