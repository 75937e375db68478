// Debian's Chromium through playwright-core. The stack's self-signed
// certificate is trusted by its key hash (not by ignoring every certificate
// error), so the page is a secure context and its service worker registers.
import { createHash, X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CHROMIUM = process.env.BLEEP_CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps calling out to a closed network.
// NativeNotifications off: notifications stay in Chromium's own notification centre, which needs no desktop
// notification server (there is none here). It was turned off against push.spec's first-push flake, which it did not
// cure: that was getNotifications() racing the first showNotification (push.spec, watchWorker).
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=NativeNotifications',
];

function spkiHash(certPath: string): string {
  const der = new X509Certificate(readFileSync(certPath)).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

// Chromium's fake microphone and camera (a beeping tone, a test pattern), allowed without asking.
const FAKE_MEDIA = ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'];

/**
 * A persistent profile (service workers survive a reload) in a fresh temp folder;
 * `fakeMedia`: with Chromium's fake microphone and camera; `camera`: the camera
 * plays this Y4M file instead (support/camera.ts).
 */
export async function openBrowser(
  certPath: string,
  opts: { fakeMedia?: boolean; camera?: string } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'bleep-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      ...FLAGS,
      ...(opts.fakeMedia || opts.camera ? FAKE_MEDIA : []),
      ...(opts.camera ? [`--use-file-for-fake-video-capture=${opts.camera}`] : []),
      `--ignore-certificate-errors-spki-list=${spkiHash(certPath)}`,
    ],
    viewport: { width: 1280, height: 800 },
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** One Chromium with `n` separate contexts (separate storage and sessions, as two people). */
export async function openContexts(
  certPath: string,
  n: number,
): Promise<{ contexts: BrowserContext[]; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...FLAGS, `--ignore-certificate-errors-spki-list=${spkiHash(certPath)}`],
  });
  const contexts: BrowserContext[] = [];
  for (let i = 0; i < n; i++) contexts.push(await browser.newContext({ viewport: { width: 1280, height: 800 } }));
  return { contexts, close: () => browser.close() };
}
