// Issue #11 part 3, end to end, with two Chromium profiles as two staff
// members: a photo (EXIF/GPS stripped), a short video and a voice message
// recorded from Chromium's fake microphone go from Dana to Amara, encrypted in
// the browser and uploaded to share.<domain>; Amara's app downloads, decrypts
// and shows each inline. Prosody's upload store holds none of the bytes, and
// Amara's service worker serves an attachment again with the network off.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { filesHolding } from '@bleep/prosody-config/runner';
import { createRoom, openChatWith, showTab } from './support/nav.ts';
import { encryptionOn } from './support/omemo.ts';
import { people, type People } from './support/people.ts';
import { startTestStack, type TestStack } from './support/stack.ts';

const PHOTO = readFileSync(join(import.meta.dirname, '..', 'pwa/src/features/media/fixtures/gps.jpg'));
let stack: TestStack;
let crowd: People;
let pd: Page;
let pa: Page;
/** Plaintext that must never be in Prosody's data folder. */
const secrets: { what: string; bytes: Buffer }[] = [];
/** The size of the photo as sent (stripped). */
let photoBytes = 0;

beforeAll(async () => {
  stack = await startTestStack();
  crowd = people(stack);
  pd = await crowd.signIn('dispatcher', { fakeMedia: true });
  pa = await crowd.signIn('doctor1');
});

afterAll(async () => {
  await crowd?.close();
  await stack?.close();
});

const lastIn = (page: Page, id: string) => page.getByTestId('message').last().getByTestId(id);
/** What the user sees or hears in the last message, as its Save link downloads it (the decrypted bytes). */
async function saved(page: Page): Promise<Buffer> {
  const save = page.getByTestId('message').last().getByTestId('message-save');
  const [download] = await Promise.all([page.waitForEvent('download'), save.click()]);
  return readFile((await download.path())!);
}

describe('encrypted media between two PWA users', () => {
  it('sends a photo with its GPS and EXIF stripped, showing progress; the other side sees it inline', async () => {
    // The links (with their keys) go OMEMO-encrypted once both devices are on their device lists.
    await encryptionOn(pd);
    await encryptionOn(pa);
    await openChatWith(pd, stack, 'doctor1');
    await openChatWith(pa, stack, 'dispatcher');
    // Every progress text the sender's page shows while the photo goes.
    await pd.evaluate(() => {
      const seen: string[] = ((window as unknown as { progress: string[] }).progress = []);
      new MutationObserver(() => {
        const p = document.querySelector('[data-testid="message-upload-progress"]');
        if (p?.textContent) seen.push(p.textContent.trim());
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await pd.getByTestId('message-attach-input').setInputFiles({
      name: 'Jane Doe wound.jpg',
      mimeType: 'image/jpeg',
      buffer: PHOTO,
    });
    const img = lastIn(pa, 'message-photo');
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 15_000 })
      .toBeGreaterThan(0);
    const progress = await pd.evaluate(() => (window as unknown as { progress: string[] }).progress);
    expect(progress.some((t) => /^Sending photo… \d+ %/.test(t))).toBe(true);
    // What Amara's app shows: the photo's pixels, without the GPS position, camera or comment.
    const shown = await saved(pa);
    photoBytes = shown.length;
    expect(await pa.getByTestId('message').last().getByTestId('message-lock').getAttribute('data-security')).toBe(
      'encrypted',
    );
    for (const s of ['Exif', 'GPS', 'xmpmeta', 'Jane Doe', 'BleepCam']) expect(shown.includes(s), s).toBe(false);
    const scans = (b: Buffer) => b.subarray(b.indexOf(Buffer.from([0xff, 0xdb])));
    expect(scans(shown).equals(scans(PHOTO))).toBe(true);
    secrets.push({ what: 'photo', bytes: scans(PHOTO).subarray(0, 256) });
    // Dana sees her own photo too, and the chat list says "Photo", not a link.
    await expect.poll(() => lastIn(pd, 'message-photo').isVisible()).toBe(true);
    // The upload URL names no patient: the server sees the file name.
    const src = await pa.getByTestId('message-attachment').last().getAttribute('data-src');
    expect(src).toMatch(/\/file_share\/[^/]+\/photo\.jpg$/);
  });

  it('sends a short video that plays inline on the other side', async () => {
    // A 1.5 s webm made in Dana's browser from a moving canvas (MediaRecorder).
    const video = Buffer.from(
      await pd.evaluate(async () => {
        const c = Object.assign(document.createElement('canvas'), { width: 160, height: 120 });
        const g = c.getContext('2d')!;
        const rec = new MediaRecorder(c.captureStream(25), { mimeType: 'video/webm' });
        const chunks: Blob[] = [];
        rec.ondataavailable = (e) => chunks.push(e.data);
        const stopped = new Promise((r) => (rec.onstop = r));
        rec.start();
        const t0 = performance.now();
        while (performance.now() - t0 < 1500) {
          g.fillStyle = `hsl(${(performance.now() - t0) / 5}, 80%, 50%)`;
          g.fillRect(0, 0, 160, 120);
          await new Promise((r) => setTimeout(r, 40));
        }
        rec.stop();
        await stopped;
        return Array.from(new Uint8Array(await new Blob(chunks).arrayBuffer()));
      }),
    );
    secrets.push({ what: 'video', bytes: video.subarray(200, 456) });
    await pd
      .getByTestId('message-attach-input')
      .setInputFiles({ name: 'ward round.webm', mimeType: 'video/webm', buffer: video });
    const v = lastIn(pa, 'message-video');
    await expect.poll(() => v.evaluate((e: HTMLVideoElement) => e.videoWidth), { timeout: 15_000 }).toBe(160);
    expect((await saved(pa)).equals(video)).toBe(true);
  });

  // Made with metadata in it: gps.mp4 by ffmpeg, with a 3GPP location box and a title naming a patient
  // (video-meta.test.ts); tagged.webm recorded by Chromium, with a Title, a DateUTC and TITLE/LOCATION tags
  // written in (webm-meta.test.ts).
  it.each([
    ['a phone video (MP4) without its place, title and time', 'gps.mp4', 'video/mp4', 64, ['loci', 'Jane Doe', 'udta']],
    [
      'a WebM video (what Chromium records) without its title, place and date',
      'tagged.webm',
      'video/webm',
      32,
      ['Jane Doe', '+51.5072', 'LOCATION'],
    ],
  ] as const)('sends %s, and it plays on the other side', async (_, file, mimeType, width, secrets) => {
    const video = readFileSync(join(import.meta.dirname, '..', 'pwa/src/features/media/fixtures', file));
    for (const s of secrets) expect(video.includes(s), s).toBe(true);
    const ext = file.split('.')[1];
    await pd.getByTestId('message-attach-input').setInputFiles({ name: `wound.${ext}`, mimeType, buffer: video });
    const v = lastIn(pa, 'message-video');
    await expect.poll(() => v.evaluate((e: HTMLVideoElement) => e.videoWidth), { timeout: 15_000 }).toBe(width);
    const got = await saved(pa);
    expect(got.length).toBe(video.length);
    for (const s of secrets) expect(got.includes(s), s).toBe(false);
  });

  it('records a voice message (tap, tap), plays it back before sending, and the other side hears it with duration and waveform', async () => {
    const record = pd.getByTestId('message-voice-record');
    await record.click();
    await expect.poll(() => record.textContent()).toMatch(/Stop ● 0:0\d/);
    await pd.waitForTimeout(2200);
    await record.click();
    const preview = pd.getByTestId('message-voice-preview');
    await expect.poll(() => preview.getByTestId('message-preview-voice-duration').textContent()).toMatch(/^0:0[23]$/);
    await preview.getByTestId('message-preview-voice-play').click();
    await expect
      .poll(() => preview.getByTestId('message-preview-voice-play').getAttribute('aria-label'))
      .toBe('Pause voice message');
    await pd.getByTestId('message-voice-send').click();

    const voice = pa.getByTestId('message-voice').last();
    await expect
      .poll(() => voice.getByTestId('message-voice-duration').textContent(), { timeout: 15_000 })
      .toMatch(/^0:0[23]$/);
    // Chromium's fake microphone beeps: the waveform has loud and quiet bars.
    const bars = voice.getByTestId('message-voice-waveform').locator('span');
    expect(await bars.count()).toBe(40);
    await voice.getByTestId('message-voice-play').click();
    await expect
      .poll(() => voice.locator('audio').evaluate((a: HTMLAudioElement) => a.currentTime))
      .toBeGreaterThan(0.2);
    const audio = await saved(pa);
    expect(audio.subarray(0, 4).equals(Buffer.from([0x1a, 0x45, 0xdf, 0xa3]))).toBe(true); // WebM (EBML)
    secrets.push({ what: 'voice', bytes: audio.subarray(audio.length - 256) });
  });

  it('records while the button is held and stops when it is let go; a recording can be discarded unsent', async () => {
    const before = await pa.getByTestId('message').count();
    await pd.getByTestId('message-voice-record').hover();
    await pd.mouse.down();
    await pd.waitForTimeout(1500);
    expect(await pd.getByTestId('message-voice-record').textContent()).toMatch(/Stop ● 0:0[12]/);
    await pd.mouse.up();
    const preview = pd.getByTestId('message-voice-preview');
    await expect.poll(() => preview.getByTestId('message-preview-voice-duration').textContent()).toMatch(/^0:0[12]$/);
    await pd.getByTestId('message-voice-discard').click();
    await expect.poll(() => preview.count()).toBe(0);
    await pd.waitForTimeout(500);
    expect(await pa.getByTestId('message').count()).toBe(before);
  });

  it('turns a photo taken sideways the right way up, and sends it smaller when asked, without metadata', async () => {
    // The fixture as a phone held sideways writes it: EXIF orientation 6 (turn 90° clockwise).
    const turned = Buffer.from(PHOTO);
    const at = turned.indexOf(Buffer.from([0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1, 0, 1]));
    turned[at + 9] = 6;
    await pd
      .getByTestId('message-attach-input')
      .setInputFiles({ name: 'IMG_2.jpg', mimeType: 'image/jpeg', buffer: turned });
    const size = (page: Page) =>
      lastIn(page, 'message-photo').evaluate((i: HTMLImageElement) =>
        i.complete ? [i.naturalWidth, i.naturalHeight] : [],
      );
    // 493 × 58 as stored; upright it is 58 wide and 493 high.
    await expect.poll(() => size(pa), { timeout: 15_000 }).toEqual([58, 493]);
    const upright = await saved(pa);
    for (const s of ['Exif', 'GPS', 'Jane Doe']) expect(upright.includes(s), s).toBe(false);

    // A 3000 × 2000 photo with "Smaller photos" on arrives 1600 px on its long side.
    const big = Buffer.from(
      await pd.evaluate(async () => {
        const c = new OffscreenCanvas(3000, 2000);
        const g = c.getContext('2d')!;
        g.fillStyle = '#8a3';
        g.fillRect(0, 0, 3000, 2000);
        g.fillStyle = '#c22';
        g.fillRect(1000, 500, 1000, 1000);
        return Array.from(new Uint8Array(await (await c.convertToBlob({ type: 'image/jpeg' })).arrayBuffer()));
      }),
    );
    await pd.getByText('Smaller photos').click();
    try {
      await pd
        .getByTestId('message-attach-input')
        .setInputFiles({ name: 'IMG_3.jpg', mimeType: 'image/jpeg', buffer: big });
      await expect.poll(() => size(pa), { timeout: 15_000 }).toEqual([1600, 1067]);
    } finally {
      await pd.getByText('Smaller photos').click();
    }
  });

  it('keeps only ciphertext in Prosody: the upload store has none of the photo, video or voice bytes', async () => {
    const dir = stack.settings.dataDir;
    // The store is where this looks: it knows the uploads by their (generic) names.
    expect((await filesHolding(dir, Buffer.from('voice-message.weba'))).length).toBeGreaterThan(0);
    expect(secrets.map((s) => s.what)).toEqual(['photo', 'video', 'voice']);
    for (const s of secrets) expect(await filesHolding(dir, s.bytes), s.what).toEqual([]);
    // OMEMO is on in 1:1 chats: the links, with their keys, are not in the archive either.
    expect(await filesHolding(dir, Buffer.from('aesgcm://'))).toEqual([]);
  });

  it('opens an attachment seen before with the network off (the service worker keeps the ciphertext)', async () => {
    const src = (await pa.getByTestId('message-attachment').first().getAttribute('data-src'))!;
    const get = (u: string) =>
      pa.evaluate(async (url) => {
        try {
          const r = await fetch(url);
          return { status: r.status, bytes: (await r.arrayBuffer()).byteLength };
        } catch {
          return { status: 0, bytes: 0 };
        }
      }, u);
    await pa.context().setOffline(true);
    try {
      // The stripped photo plus GCM's 16-byte tag, from the cache; an upload never seen is not there.
      expect(await get(src)).toEqual({ status: 200, bytes: photoBytes + 16 });
      expect((await get(src.replace(/photo\.jpg$/, 'other.jpg'))).status).not.toBe(200);
    } finally {
      await pa.context().setOffline(false);
    }
  });

  it('sends a photo in a room, shown inline to a member (the same pipeline and picker)', async () => {
    await createRoom(pd, stack, 'Wound care', ['doctor1']);
    await pd.getByTestId('room-attach-input').setInputFiles({ name: 'w.jpg', mimeType: 'image/jpeg', buffer: PHOTO });
    await showTab(pa, 'chats');
    await pa.locator('[data-testid="room"]', { hasText: 'Wound care' }).click({ timeout: 15_000 });
    const img = pa.getByTestId('room-message').last().getByTestId('room-photo');
    await expect
      .poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth), { timeout: 15_000 })
      .toBe(493);
  });
});
