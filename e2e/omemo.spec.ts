// Issue #11, end to end in Chromium: two staff members' apps exchange OMEMO-
// encrypted messages, each line locked; a reload shows the history from what
// this device decrypted before; and the server's archive holds no word of it.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { openChatWith, openSettings } from './support/nav.ts';
import { archiveHoldsOnlyCiphertext, encryptionOn } from './support/omemo.ts';
import { signIn as signInAs } from './support/sign-in.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let dana: Browser;
let amara: Browser;
let pd: Page;
let pa: Page;

const SECRET = 'Potassium 6.8 in bed 4, repeat the ECG';
const REPLY = 'Repeating it now, sodium also low';

const lastLock = (page: Page) => page.getByTestId('message-lock').last().getAttribute('data-security');

beforeAll(async () => {
  stack = await startTestStack();
  dana = await openBrowser(stack.settings.tls.cert);
  amara = await openBrowser(stack.settings.tls.cert);
  pd = await dana.context.newPage();
  pa = await amara.context.newPage();
  // Dana signs in inside the first test, and writes at once.
  await signInAs(pa, stack, 'doctor1');
});

afterAll(async () => {
  await dana?.close();
  await amara?.close();
  await stack?.close();
});

describe('OMEMO between two browsers', () => {
  it('exchanges encrypted messages both ways, each shown with a closed lock', async () => {
    // Amara's app has OMEMO on. Dana writes to her the moment she is signed in, with no wait: her
    // app must learn Amara's devices and publish its own keys first, never send it in the clear
    // (issue #11: that first message went out unencrypted). The at-rest test below checks the archive.
    await encryptionOn(pa);
    await signInAs(pd, stack, 'dispatcher');
    await openChatWith(pd, stack, 'doctor1');
    await pd.getByTestId('composer').fill(SECRET);
    await pd.getByTestId('send').click();
    await expect.poll(() => lastLock(pd), { timeout: 30_000 }).toBe('encrypted');

    await openChatWith(pa, stack, 'dispatcher');
    await expect.poll(() => pa.getByTestId('message-body').last().textContent(), { timeout: 10_000 }).toBe(SECRET);
    expect(await lastLock(pa)).toBe('encrypted');

    await pa.getByTestId('composer').fill(REPLY);
    await pa.keyboard.press('Enter');
    await expect.poll(() => pd.getByTestId('message-body').last().textContent(), { timeout: 10_000 }).toBe(REPLY);
    expect(await lastLock(pd)).toBe('encrypted');
  });

  it('shows the history after a reload from this device, without decrypting again', async () => {
    for (const page of [pa, pd]) {
      await page.reload();
      await expect
        .poll(() => page.getByTestId('message-body').allTextContents(), { timeout: 15_000 })
        .toEqual([SECRET, REPLY]);
      expect(await page.getByTestId('message-undecryptable').count()).toBe(0);
      expect(
        await page.getByTestId('message-lock').evaluateAll((els) => els.map((e) => e.getAttribute('data-security'))),
      ).toEqual(['encrypted', 'encrypted']);
    }
  });

  it("at rest: Prosody's archive holds the ciphertext, never the words", () => {
    archiveHoldsOnlyCiphertext(stack.settings.dataDir, ['Potassium', 'sodium']);
  });

  it("verifies a colleague's device by its fingerprint, flags their new device, and they remove their old one", async () => {
    await openSettings(pa);
    const amaraPrint = await pa.getByTestId('omemo-fingerprint').textContent();
    await openChatWith(pd, stack, 'doctor1');
    await pd.getByTestId('chat-devices').click();
    const devices = pd.getByTestId('omemo-contact-device');
    await expect.poll(() => devices.count(), { timeout: 10_000 }).toBe(1);
    expect(await devices.first().textContent()).toContain(amaraPrint);
    await pd.getByTestId('omemo-verify').click();
    await expect.poll(() => devices.first().getAttribute('data-verified')).toBe('true');

    // Amara signs in on a second device.
    const second = await openBrowser(stack.settings.tls.cert);
    try {
      const pa2 = await second.context.newPage();
      await signInAs(pa2, stack, 'doctor1');
      await encryptionOn(pa2);
      await pd.getByTestId('chat-devices').click();
      await pd.getByTestId('chat-devices').click();
      await expect.poll(() => devices.count(), { timeout: 10_000 }).toBe(2);
      const flags = () => devices.evaluateAll((els) => els.map((e) => e.getAttribute('data-flagged')));
      expect(await flags()).toEqual(['false', 'true']);
      expect(await pd.getByText('New device, not verified').count()).toBe(1);

      // On the new device, she sees her old one and removes it: nobody encrypts for it any more.
      await openSettings(pa2);
      const old = pa2.getByTestId('omemo-own-device');
      await expect.poll(() => old.count(), { timeout: 10_000 }).toBe(1);
      await pa2.getByTestId('omemo-remove').click();
      await expect.poll(() => old.count(), { timeout: 10_000 }).toBe(0);
      await pd.getByTestId('chat-devices').click();
      await pd.getByTestId('chat-devices').click();
      // Only the new device is left (the verified one is gone, so nothing to compare it with).
      await expect.poll(() => flags(), { timeout: 10_000 }).toEqual(['false']);
      expect(await devices.first().textContent()).toContain(await pa2.getByTestId('omemo-fingerprint').textContent());
    } finally {
      await second.close();
    }
  });

  it('drops "Not encrypted" once the colleague signs in for the first time, without a reload', async () => {
    // Priya (nurse) has never signed in: no device yet. Dana has the chat open as she signs in.
    await openChatWith(pd, stack, 'nurse');
    const banner = pd.getByTestId('chat-encryption');
    await expect
      .poll(() => banner.textContent(), { timeout: 30_000 })
      .toContain('Not encrypted: the colleague has no encryption device');
    const priya = await openBrowser(stack.settings.tls.cert);
    try {
      const pp = await priya.context.newPage();
      await signInAs(pp, stack, 'nurse');
      await encryptionOn(pp);
      await expect.poll(() => banner.count(), { timeout: 30_000 }).toBe(0);
    } finally {
      await priya.close();
    }
  });

  it('says at sign-out what it removes from the device', async () => {
    await openSettings(pd);
    expect(await pd.getByTestId('logout-removes').textContent()).toContain('encryption keys');
  });
});
