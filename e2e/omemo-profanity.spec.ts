// Issue #11, interoperability: Profanity (Debian's 0.13.1, built with OMEMO,
// a terminal client driven in tmux: prosody/src/runner/test-profanity.ts) and
// a Bleep user in the PWA in Chromium exchange OMEMO messages both ways, 1:1,
// and in a room Profanity made, through the demo stack's Prosody; the
// archives keep only ciphertext.
// Profanity's quirks (README, "Other OMEMO clients"): no keys until
// `/omemo gen`, it encrypts only after `/omemo start` in the chat window, and,
// writing first, only to a device whose fingerprint the user trusted.
// Its account is made on the stack's Prosody and is not in Bleep's directory.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAccounts, type BenchAccount } from '../bench/accounts.ts';
import { startProfanity, type Profanity } from '../prosody/src/runner/test-profanity.ts';
import { openBrowser, type Browser } from './support/browser.ts';
import { openSettings, showTab } from './support/nav.ts';
import {
  archiveHoldsOnlyCiphertext,
  encryptionOn,
  readLockedAndAnswer,
  readRoomLockedAndAnswer,
} from './support/omemo.ts';
import { signIn } from './support/sign-in.ts';
import { account, startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let browser: Browser;
let amara: Page;
let prof: Profanity;
let peer: BenchAccount;
let amaraJid = '';

const FROM_PROFANITY = 'Profanity here: bed 7 lactate is 4.1';
const FROM_BLEEP = 'Bleep here: starting fluids in bed 7';
const ROOM_REASON = 'Bed 7 handover';
const IN_ROOM_PROFANITY = 'Profanity in the room: sepsis bundle started';
const IN_ROOM_BLEEP = 'Bleep in the room: cultures taken';

beforeAll(async () => {
  stack = await startTestStack();
  [peer] = (await addAccounts(stack.settings, ['prof-a'])) as [BenchAccount];
  amaraJid = account(stack, 'doctor1').jid;
  browser = await openBrowser(stack.settings.tls.cert);
  amara = await browser.context.newPage();
  await signIn(amara, stack, 'doctor1');
  prof = await startProfanity();
}, 120_000);

afterAll(async () => {
  prof?.stop();
  await browser?.close();
  await stack?.close();
});

describe('OMEMO between Bleep in Chromium and Profanity', () => {
  it('Profanity writes encrypted, Bleep shows it locked; Bleep answers encrypted, Profanity shows it as OMEMO', async () => {
    // Amara's keys are on the server before Profanity opens the chat and asks for her devices.
    await encryptionOn(amara);
    await openSettings(amara);
    const amaraPrint = (await amara.getByTestId('omemo-fingerprint').textContent()) ?? '';
    await showTab(amara, 'chats');
    await prof.signIn(peer.jid, peer.password, stack.settings.ports.c2s);
    await prof.makeKeys();

    prof.type(`/msg ${amaraJid}`);
    prof.type('/omemo start');
    await prof.shown('[OMEMO]');
    // `/omemo start` asks for Amara's devices and bundles. Profanity then shows her fingerprint,
    // which is the one her Settings shows, and (its trust is manual) encrypts to her only once
    // the user trusts it; an untrusted one gets "cannot be decrypted for any recipient".
    const shownPrint = await prof.fingerprint(amaraJid);
    expect(shownPrint.replaceAll('-', '')).toBe(amaraPrint.replaceAll(' ', ''));
    await prof.trust(amaraJid, shownPrint);
    prof.type(FROM_PROFANITY);

    await readLockedAndAnswer(amara, peer.jid, FROM_PROFANITY, FROM_BLEEP, () => `Profanity shows:\n${prof.screen()}`);
    await prof.shownAsOmemo(`${amaraJid}/`, FROM_BLEEP);
  });

  it('a room: Profanity makes it (members-only, non-anonymous) and invites Bleep; each reads the other encrypted', async () => {
    // Bleep's Prosody makes a new room members-only and non-anonymous; Profanity accepts those
    // defaults, makes Amara a member and invites her (a mediated invitation). Her fingerprint
    // is trusted from the chat above.
    const room = `prof-${Date.now().toString(36)}@${stack.settings.mucHost}`;
    prof.type(`/join ${room} nick prof`);
    await prof.shown('Room locked');
    prof.type('/room accept');
    await prof.shown('Room unlocked');
    prof.type(`/affiliation set member ${amaraJid}`);
    prof.type(`/invite send ${amaraJid} ${ROOM_REASON}`);
    await showTab(amara, 'chats');
    const entry = amara.locator(`[data-testid="room"][data-room="${room}"]`);
    await entry.waitFor({ timeout: 30_000 }).catch((e: Error) => {
      throw new Error(`${e.message}\nProfanity shows:\n${prof.screen()}`);
    });
    await entry.click();
    await amara.getByTestId('room-composer').waitFor();
    // Profanity encrypts for the occupants it knows: Amara in its occupant list.
    await prof.until('Amara among the occupants', () => /\s{2}doctor1\s*$/m.test(prof.screen()));
    prof.type('/omemo start');
    await prof.shown('[OMEMO]');
    prof.type(IN_ROOM_PROFANITY);
    await readRoomLockedAndAnswer(amara, IN_ROOM_PROFANITY, IN_ROOM_BLEEP);
    await prof.shownAsOmemo('doctor1: ', IN_ROOM_BLEEP);
  });

  it("at rest: Prosody's archives (chats and rooms) hold the ciphertext, never the words", () => {
    archiveHoldsOnlyCiphertext(stack.settings.dataDir, ['lactate', 'fluids', 'sepsis', 'cultures'], {
      archive: 2,
      muc_log: 2,
    });
  });
});
