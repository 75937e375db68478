// XEP-0363 against a real Prosody (mod_http_file_share as Bleep configures
// it), with the PWA's own slot codec, texts and AES-GCM: a slot is granted
// under the public URL, the ciphertext goes up and comes back and opens with
// the link's key; over-size and over-quota are refused with texts that say
// the limit; and the upload store holds only ciphertext.
import { filesHolding, startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import type { XmlElement as PwaElement } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decrypt, encrypt, parseLink, toLink } from './aesgcm.ts';
import { refusalText, type Limits } from './errors.ts';
import { parseRefusal, parseSlot, slotRequest } from './slot.ts';

const MB = 1024 * 1024;
const limits: Limits = { maxBytes: 2 * MB, quotaBytes: 5 * MB };
const nurse = { user: 'nurse', password: 'nurse-password-1' };
let prosody: RunningProsody;
let client: Client;

beforeAll(async () => {
  prosody = await startTestProsody({
    overrides: {
      BLEEP_UPLOAD_MAX_BYTES: String(limits.maxBytes),
      BLEEP_UPLOAD_QUOTA_BYTES: String(limits.quotaBytes),
    },
    accounts: [nurse],
  });
  client = await login(prosody.settings, nurse);
});
afterAll(async () => {
  await client?.stop();
  await prosody?.stop();
});

const ask = (filename: string, size: number) =>
  client.iqCaller.request(
    slotRequest(prosody.settings.shareHost, { filename, size, type: 'application/octet-stream' }) as never,
  ) as Promise<XmlElement>;
/** Why Prosody refused, in the words the app shows. */
const refusal = async (size: number) => {
  try {
    await ask('x.bin', size);
  } catch (err) {
    return refusalText(parseRefusal(err), size, limits);
  }
  throw new Error('the slot was granted');
};
/** Straight to Prosody's HTTP port, as the web proxy does. */
const local = (url: string) => `http://127.0.0.1:${prosody.settings.ports.http}${new URL(url).pathname}`;

describe('encrypted upload to share.<domain>', () => {
  const plain = Buffer.concat([Buffer.from('WOUND-PHOTO-PLAINTEXT '), Buffer.alloc(300_000, 7)]);
  let cipher: ArrayBuffer;
  let link = '';

  it('grants a slot under the public URL, takes the ciphertext, and the link opens what comes back', async () => {
    const sealed = await encrypt(plain);
    cipher = sealed.cipher;
    const slot = parseSlot((await ask('wound.jpg', cipher.byteLength)) as unknown as PwaElement)!;
    expect(slot.put.startsWith(`${prosody.settings.publicUrl}/file_share/`)).toBe(true);
    const headers = { 'Content-Type': 'application/octet-stream', ...slot.headers };
    const up = await fetch(local(slot.put), { method: 'PUT', body: cipher, headers });
    expect(up.status).toBe(201);
    link = toLink({ url: slot.get, ...sealed });
    expect(link).toMatch(/^aesgcm:\/\/.*\/wound\.jpg#[0-9a-f]{88}$/);
    const k = parseLink(link)!;
    const down = await fetch(local(k.url));
    expect(Buffer.from(await decrypt(await down.arrayBuffer(), k)).equals(plain)).toBe(true);
  });

  it('keeps only ciphertext at rest: the upload store has the encrypted bytes, never the photo', async () => {
    const dir = prosody.settings.dataDir;
    expect(await filesHolding(dir, Buffer.from(cipher).subarray(0, 64))).toHaveLength(1);
    expect(await filesHolding(dir, plain.subarray(0, 22))).toEqual([]);
  });

  it('refuses a file over the size limit, saying the limit', async () => {
    expect(await refusal(limits.maxBytes + 1)).toMatch(/the server takes files up to 2 MB\./);
    expect(await refusal(3 * MB)).toBe(
      'This file is 3 MB; the server takes files up to 2 MB. Send a smaller one (photos can be sent smaller).',
    );
  });

  it("refuses an upload past the day's quota, saying the quota", async () => {
    // Slots count against the quota when granted (mod_http_file_share); 0.3 MB are used above.
    await ask('a.bin', 2 * MB);
    await ask('b.bin', 2 * MB);
    expect(await refusal(MB)).toBe(
      "You have reached today's upload limit of 5 MB. Try again tomorrow, or ask IT to raise it.",
    );
  });
});
