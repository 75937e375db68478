// Issue #11: a colleague's device verified by scanning the QR code their
// Settings shows, with the camera (Chromium's fake camera playing a video of
// the code, support/camera.ts). A code whose fingerprint differs from the
// device's is a warning and verifies nothing; the right code verifies it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openBrowser, type Browser } from './support/browser.ts';
import { showQr } from './support/camera.ts';
import { openChatWith, openSettings } from './support/nav.ts';
import { encryptionOn } from './support/omemo.ts';
import { SHOTS } from './support/people.ts';
import { signIn } from './support/sign-in.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

let stack: TestStack;
let amara: Browser;
let dana: Browser;
let pa: Page;
let pd: Page;
const folder = mkdtempSync(join(tmpdir(), 'bleep-camera-'));
const camera = join(folder, 'camera.y4m');

beforeAll(async () => {
  stack = await startTestStack();
  amara = await openBrowser(stack.settings.tls.cert);
  dana = await openBrowser(stack.settings.tls.cert, { camera });
  pa = await amara.context.newPage();
  pd = await dana.context.newPage();
  await signIn(pa, stack, 'doctor1');
  await signIn(pd, stack, 'dispatcher');
});

afterAll(async () => {
  await dana?.close();
  await amara?.close();
  await stack?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe("verifying a colleague's device by its QR code", () => {
  it('refuses a code whose fingerprint is not the device’s, then verifies with the real one', async () => {
    await encryptionOn(pa);
    await encryptionOn(pd);
    // Amara's Settings shows this device's code.
    await openSettings(pa);
    const qr = pa.getByTestId('omemo-qr');
    await qr.waitFor({ timeout: 15_000 });
    const code = (await qr.getAttribute('data-uri'))!;
    const print = (await pa.getByTestId('omemo-fingerprint').textContent())!.replace(/ /g, '');
    expect(code).toMatch(new RegExp(`^xmpp:doctor1@${stack.settings.domain}\\?omemo-sid-\\d+=${print}$`));
    await pa.screenshot({ path: join(SHOTS, 'omemo-qr-settings.png') });

    // A forged code: her device id, someone else's key. Dana scans it from their chat's Devices.
    showQr(camera, code.replace(/=[0-9a-f]{64}$/, `=${'ab'.repeat(32)}`));
    await openChatWith(pd, stack, 'doctor1');
    await pd.getByTestId('chat-devices').click();
    const device = pd.getByTestId('omemo-contact-device');
    await expect.poll(() => device.count(), { timeout: 10_000 }).toBe(1);
    await pd.getByTestId('omemo-scan-start').click();
    await expect
      .poll(() => pd.getByTestId('omemo-scan-problem').textContent(), { timeout: 20_000 })
      .toMatch(/does not match their code: it was not verified/);
    expect(await device.getAttribute('data-verified')).toBe('false');
    await pd.getByTestId('omemo-scan-close').click();

    // The real code: verified.
    showQr(camera, code);
    await pd.getByTestId('omemo-scan-start').click();
    await expect
      .poll(() => pd.getByTestId('omemo-scan-status').textContent(), { timeout: 20_000 })
      .toBe('Verified 1 device of Dr Amara Okafor.');
    await expect.poll(() => device.getAttribute('data-verified')).toBe('true');
    await pd.screenshot({ path: join(SHOTS, 'omemo-qr-verified.png') });
  });
});
