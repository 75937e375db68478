// Issue #11, interoperability in a room Bleep made: Amara, in the PWA in
// Chromium, creates a room (members-only, non-anonymous, as every Bleep room
// is) and picks Priya from the directory; Priya uses Profanity (Debian's
// 0.13.1, driven in tmux: prosody/src/runner/test-profanity.ts). Profanity
// gets the PWA's invitation (XEP-0249), joins, and the two exchange OMEMO
// messages there both ways; the room's archive keeps only ciphertext.
// (e2e/omemo-profanity.spec.ts is the other way round: a room Profanity made.)
// What Profanity needs is in README, "Other OMEMO clients": `/omemo gen`,
// `/omemo start` in the window, and, writing first, a trusted fingerprint.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProfanity, type Profanity } from '../prosody/src/runner/test-profanity.ts';
import { createRoom, openSettings, showTab } from './support/nav.ts';
import { archiveHoldsOnlyCiphertext, encryptionOn, readRoomLockedAndAnswer } from './support/omemo.ts';
import { people, type People } from './support/people.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let crowd: People;
let amara: Page;
let prof: Profanity;

const ROOM_NAME = 'Sepsis huddle';
const FROM_PROFANITY = 'Profanity in the Bleep room: lactate 4.1 in bed 7';
const FROM_BLEEP = 'Bleep in the room: second litre of fluids running';

beforeAll(async () => {
  stack = await startTestStack();
  crowd = people(stack);
  amara = await crowd.signIn('doctor1');
  prof = await startProfanity();
}, 120_000);

afterAll(async () => {
  prof?.stop();
  await crowd?.close();
  await stack?.close();
});

describe('a room made in Bleep with a Profanity member', () => {
  it('Profanity is invited, joins, and each reads the other encrypted', async () => {
    const amaraJid = account(stack, 'doctor1').jid;
    const priya = account(stack, 'nurse');
    await encryptionOn(amara);
    await openSettings(amara);
    const amaraPrint = (await amara.getByTestId('omemo-fingerprint').textContent()) ?? '';
    await showTab(amara, 'chats');

    // Priya signs in with Profanity and makes her keys before the room is made.
    await prof.signIn(priya.jid, priya.password, stack.settings.ports.c2s);
    await prof.makeKeys();

    await createRoom(amara, stack, ROOM_NAME, ['nurse']);
    await showTab(amara, 'chats');
    const room = (await amara
      .locator('[data-testid="room"]', { hasText: ROOM_NAME })
      .getAttribute('data-room', { timeout: 15_000 }))!;
    expect(room).toMatch(new RegExp(`@${stack.settings.mucHost}$`));
    // Bleep's invitation reaches Profanity, which names the room.
    await prof.shown(room);
    prof.type(`/join ${room} nick priya`);
    await prof.until('Amara among the occupants', () => /\s{2}doctor1\s*$/m.test(prof.screen()));
    // Profanity reads the room's features (disco#info) after the join; until they are in, it takes the room
    // for one that cannot have OMEMO ("MUC must be non-anonymous … and members-only"): asked again until it starts.
    let polls = 0;
    await prof.until('OMEMO started in the room', () => {
      if (prof.screen().includes('[OMEMO]')) return true;
      if (polls++ % 20 === 0) prof.type('/omemo start'); // every 2 s
      return false;
    });
    // Writing first, Profanity encrypts only for devices its user trusted: Amara's, checked against her Settings.
    const shownPrint = await prof.fingerprint(amaraJid);
    expect(shownPrint.replaceAll('-', '')).toBe(amaraPrint.replaceAll(' ', ''));
    await prof.trust(amaraJid, shownPrint);
    prof.type(FROM_PROFANITY);

    await amara.locator(`[data-testid="room"][data-room="${room}"]`).click();
    await readRoomLockedAndAnswer(amara, FROM_PROFANITY, FROM_BLEEP);
    await prof.shownAsOmemo('doctor1: ', FROM_BLEEP);
  });

  it("at rest: the room's archive holds the ciphertext, never the words", () => {
    archiveHoldsOnlyCiphertext(stack.settings.dataDir, ['lactate', 'litre'], { archive: 0, muc_log: 2 });
  });
});
