// Issue #11, interoperability: Bleep and Converse.js 14 (the npm
// devDependency, run in the same Debian Chromium, INTEROP.md) exchange OMEMO
// messages both ways through Bleep's Prosody, 1:1 and in a members-only room.
// Converse's page is served at the app's own origin (bench/converse-page.ts)
// and signs in to its own account, made on the stack's Prosody; it is not a
// contact of the Bleep user. Converse speaks OMEMO 0.3 with a peer that
// announces only a 0.3 device list, as Bleep does.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccounts, type BenchAccount } from '../bench/accounts.ts';
import { converseOmemoActive, openConverseChatWith, routeConverse, signInConverse } from '../bench/converse-page.ts';
import { openBrowser, type Browser } from './support/browser.ts';
import { showTab } from './support/nav.ts';
import { encryptionOn, readLockedAndAnswer, readRoomLockedAndAnswer } from './support/omemo.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let bleepBrowser: Browser;
let converseBrowser: Browser;
let amara: Page;
let converse: Page;
let peer: BenchAccount;
let amaraJid = '';

const FROM_CONVERSE = 'Converse here: bed 5 troponin is rising';
const FROM_BLEEP = 'Bleep here: coming to bed 5 now';
const ROOM = 'Interop handover';
const IN_ROOM_CONVERSE = 'Converse in the room: ward round at 9';
const IN_ROOM_BLEEP = 'Bleep in the room: I will bring the notes';

type ConverseState = {
  state: {
    chatboxes: {
      get(jid: string):
        | {
            messages: { models: { get(k: string): unknown }[] };
            occupants: { findWhere(attrs: object): unknown };
            session?: { get(k: string): unknown };
            directInvite(jid: string, reason: string): void;
            updateMemberLists(members: { jid: string; affiliation: string }[]): Promise<void>;
          }
        | undefined;
    };
  };
  api: { rooms: { open(jid: string, attrs: object, force: boolean): Promise<unknown> } };
};

/**
 * What Converse shows in the chat or room `jid`: each message's text (an OMEMO message's
 * decrypted `plaintext`; its `body` is the fallback), and whether it came encrypted.
 */
const converseSaw = (jid: string) =>
  converse.evaluate((j) => {
    const c = (window as unknown as { __benchConverse: ConverseState }).__benchConverse;
    return (c.state.chatboxes.get(j)?.messages.models ?? []).map((m) => ({
      body: String(m.get('plaintext') ?? m.get('body')),
      encrypted: m.get('is_encrypted') === true,
    }));
  }, jid);

beforeAll(async () => {
  stack = await startTestStack();
  [peer] = (await addAccounts(stack.settings, ['converse-a'])) as [BenchAccount];
  amaraJid = account(stack, 'doctor1').jid;
  bleepBrowser = await openBrowser(stack.settings.tls.cert);
  converseBrowser = await openBrowser(stack.settings.tls.cert);
  amara = await bleepBrowser.context.newPage();
  converse = await converseBrowser.context.newPage();
  await signIn(amara, stack, 'doctor1');
}, 120_000);

afterAll(async () => {
  await converseBrowser?.close();
  await bleepBrowser?.close();
  await stack?.close();
});

describe('OMEMO between Bleep and Converse.js 14', () => {
  it('1:1: Converse writes encrypted, Bleep reads it locked; Bleep answers encrypted, Converse reads it', async () => {
    // Both sides' keys are on the server before either opens a chat: Converse reads a
    // device list when a chat opens, and has no push of it without a subscription (INTEROP.md).
    await encryptionOn(amara);
    const url = await routeConverse(converseBrowser.context, stack.url, peer, { omemo_default: true });
    await signInConverse(converse, url, { omemo: true });
    await openConverseChatWith(converse, amaraJid, { omemo: true });
    await converse.locator(`converse-chat[jid="${amaraJid}"] textarea.chat-textarea`).fill(FROM_CONVERSE);
    await converse.keyboard.press('Enter');

    await readLockedAndAnswer(amara, peer.jid, FROM_CONVERSE, FROM_BLEEP);
    await expect
      .poll(async () => (await converseSaw(amaraJid)).find((m) => m.body === FROM_BLEEP), { timeout: 30_000 })
      .toEqual({ body: FROM_BLEEP, encrypted: true });
    expect((await converseSaw(amaraJid)).find((m) => m.body === FROM_CONVERSE)?.encrypted).toBe(true);
  });

  it('a room: Converse makes it and invites Bleep; each reads the other encrypted', async () => {
    const room = `interop-${Date.now().toString(36)}@${stack.settings.mucHost}`;
    // Bleep's Prosody makes rooms members-only and non-anonymous by default: OMEMO rooms for both.
    await converse.evaluate(
      async ({ jid, user }) => {
        const c = (window as unknown as { __benchConverse: ConverseState }).__benchConverse;
        await c.api.rooms.open(jid, { nick: user }, true);
      },
      { jid: room, user: peer.user },
    );
    await converse.waitForFunction(
      (jid) => {
        const c = (window as unknown as { __benchConverse: ConverseState }).__benchConverse;
        return c.state.chatboxes.get(jid)?.session?.get('connection_status') === 5; // ROOMSTATUS.ENTERED
      },
      room,
      { timeout: 30_000 },
    );
    // Amara is made a member (the room is members-only), then gets a direct invitation (XEP-0249).
    // Converse's directInvite sets the affiliation too, but does not wait for it: her join could come first.
    await converse.evaluate(
      async ({ jid, to, reason }) => {
        const c = (window as unknown as { __benchConverse: ConverseState }).__benchConverse;
        const muc = c.state.chatboxes.get(jid)!;
        await muc.updateMemberLists([{ jid: to, affiliation: 'member' }]);
        muc.directInvite(to, reason);
      },
      { jid: room, to: amaraJid, reason: ROOM },
    );
    await showTab(amara, 'chats');
    const entry = amara.locator(`[data-testid="room"][data-room="${room}"]`);
    await entry.waitFor({ timeout: 30_000 });
    await entry.click();
    await amara.getByTestId('room-composer').waitFor();
    await converseOmemoActive(converse, room);
    // Converse encrypts a room message for the occupants it knows: Amara has joined.
    await converse.waitForFunction(
      ({ jid, who }) => {
        const c = (window as unknown as { __benchConverse: ConverseState }).__benchConverse;
        return !!c.state.chatboxes.get(jid)?.occupants.findWhere({ jid: who });
      },
      { jid: room, who: amaraJid },
      { timeout: 30_000 },
    );

    await converse.locator(`converse-muc[jid="${room}"] textarea.chat-textarea`).fill(IN_ROOM_CONVERSE);
    await converse.keyboard.press('Enter');
    await readRoomLockedAndAnswer(amara, IN_ROOM_CONVERSE, IN_ROOM_BLEEP);
    await expect
      .poll(async () => (await converseSaw(room)).find((m) => m.body === IN_ROOM_BLEEP), { timeout: 30_000 })
      .toEqual({ body: IN_ROOM_BLEEP, encrypted: true });
    expect((await converseSaw(room)).find((m) => m.body === IN_ROOM_CONVERSE)?.encrypted).toBe(true);
  });
});
