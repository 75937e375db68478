// Issue #11, end to end in Chromium: a room says at room level whether it is
// end-to-end encrypted. A department room (members-only, non-anonymous) is;
// a room whose owner, in another client, opens it to everyone is not any
// more: Bleep hears the room's change (status 104), reads its features again,
// says so above the messages, and what is written there goes with an open lock.
// When the owner hides the members' addresses (status 172/173) the line says that.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encryptionOn } from './support/omemo.ts';
import { people, type People } from './support/people.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let crowd: People;
let amara: Page;

const line = (p: Page) => p.getByTestId('room-encryption');
/** The room's mark in the Chats list (issue #11): a lock, or "Not encrypted" in words. */
const mark = (p: Page, room: string) =>
  p.locator(`[data-testid="room"][data-room="${room}"]`).getByTestId('conversation-encryption');

beforeAll(async () => {
  stack = await startTestStack();
  crowd = people(stack);
  amara = await crowd.signIn('doctor1');
});

afterAll(async () => {
  await crowd?.close();
  await stack?.close();
});

describe('a room says whether it is encrypted', () => {
  it('a department room is encrypted', async () => {
    const entry = amara.locator('[data-testid="room"]', { hasText: 'Cardiology' });
    await entry.waitFor({ timeout: 15_000 });
    await entry.click();
    await expect.poll(() => line(amara).getAttribute('data-encrypted'), { timeout: 15_000 }).toBe('true');
    expect(await line(amara).textContent()).toContain('End-to-end encrypted');
    // The Chats list shows its lock too.
    const room = (await entry.getAttribute('data-room'))!;
    await expect.poll(() => mark(amara, room).getAttribute('data-encrypted'), { timeout: 15_000 }).toBe('true');
    expect(await mark(amara, room).textContent()).toBe('🔒');
  });

  it('a room its owner opens in another client says it is not encrypted, and its messages go open', async () => {
    // Amara's device is on her device list first: her message is not held back waiting for her keys.
    await encryptionOn(amara);
    const { login, exchange, submitForm, xml } = await import('@bleep/prosody-config/test-client');
    const owner = await login(stack.settings, account(stack, 'nurse'));
    try {
      const room = `side-room-${Date.now().toString(36)}@${stack.settings.mucHost}`;
      const joined = new Promise<void>((resolve) =>
        owner.on('stanza', ((el: { name: string; toString(): string }) => {
          if (el.name === 'presence' && el.toString().includes('code="110"')) resolve();
        }) as never),
      );
      await owner.send(xml('presence', { to: `${room}/priya` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
      await joined;
      const configure = async (fields: Record<string, string>) => {
        const answer = await exchange(
          owner,
          xml(
            'iq',
            { type: 'set', to: room },
            xml(
              'query',
              { xmlns: 'http://jabber.org/protocol/muc#owner' },
              submitForm({ FORM_TYPE: 'http://jabber.org/protocol/muc#roomconfig', ...fields }),
            ),
          ),
        );
        expect(answer.attrs.type).toBe('result');
      };
      await configure({ 'muc#roomconfig_membersonly': '1', 'muc#roomconfig_whois': 'anyone' });
      const amaraJid = account(stack, 'doctor1').jid;
      const added = await exchange(
        owner,
        xml(
          'iq',
          { type: 'set', to: room },
          xml(
            'query',
            { xmlns: 'http://jabber.org/protocol/muc#admin' },
            xml('item', { affiliation: 'member', jid: amaraJid }),
          ),
        ),
      );
      expect(added.attrs.type).toBe('result');
      await owner.send(
        xml('message', { to: amaraJid }, xml('x', { xmlns: 'jabber:x:conference', jid: room, reason: 'Side room' })),
      );

      const entry = amara.locator(`[data-testid="room"][data-room="${room}"]`);
      await entry.waitFor({ timeout: 15_000 });
      await entry.click();
      await expect.poll(() => line(amara).getAttribute('data-encrypted'), { timeout: 15_000 }).toBe('true');

      // The owner opens the room to everyone on the server.
      await configure({ 'muc#roomconfig_membersonly': '0' });
      await expect.poll(() => line(amara).getAttribute('data-encrypted'), { timeout: 15_000 }).toBe('false');
      expect(await line(amara).textContent()).toContain('Not encrypted: this room is open to anyone');
      // The Chats list marks it in words, beside the department room's lock.
      await expect.poll(() => mark(amara, room).getAttribute('data-encrypted'), { timeout: 15_000 }).toBe('false');
      expect(await mark(amara, room).textContent()).toBe('🔓 Not encrypted');

      const heard = new Promise<string>((resolve) =>
        owner.on('stanza', ((el: { name: string; getChildText(n: string): string | null }) => {
          const body = el.name === 'message' ? el.getChildText('body') : null;
          if (body) resolve(body);
        }) as never),
      );
      await amara.getByTestId('room-composer').fill('Tea in the staff room at 3');
      await amara.getByTestId('room-send').click();
      await expect
        .poll(() => amara.getByTestId('room-lock').last().getAttribute('data-security'), { timeout: 15_000 })
        .toBe('plain');
      expect(await heard).toBe('Tea in the staff room at 3');

      // The owner hides the members' addresses (status 173): the line says so.
      await configure({ 'muc#roomconfig_membersonly': '1', 'muc#roomconfig_whois': 'moderators' });
      await expect
        .poll(() => line(amara).textContent(), { timeout: 15_000 })
        .toContain('Not encrypted: this room hides its members’ addresses');
    } finally {
      await owner.stop();
    }
  });
});
