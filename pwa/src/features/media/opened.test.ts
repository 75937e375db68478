import { describe, expect, it } from 'vitest';
import { encrypt, toLink } from './aesgcm.ts';
import { TEXT } from './errors.ts';
import { createOpener } from './opened.ts';

async function sealed(text: string, name: string) {
  const s = await encrypt(new TextEncoder().encode(text));
  return { cipher: s.cipher, link: toLink({ url: `https://bleep.localhost/file_share/id/${name}`, ...s }) };
}

describe('opening attachments', () => {
  it('downloads once, decrypts, and types the blob by its name', async () => {
    const { cipher, link } = await sealed('jpeg bytes', 'photo.jpg');
    const asked: string[] = [];
    const opener = createOpener(async (url) => (asked.push(url), cipher));
    const [a, b] = await Promise.all([opener.open(link), opener.open(link)]);
    expect(a).toBe(b);
    expect(asked).toEqual(['https://bleep.localhost/file_share/id/photo.jpg']);
    expect(a.cls).toBe('image');
    expect(a.bytes).toBe(10);
    expect(await (await fetch(a.url)).text()).toBe('jpeg bytes');
  });

  it('says why when the download fails or the bytes do not decrypt, and tries again later', async () => {
    const { cipher, link } = await sealed('voice', 'voice-message.weba');
    let fail = true;
    const opener = createOpener(async () => {
      if (fail) throw new Error('offline');
      return cipher;
    });
    await expect(opener.open(link)).rejects.toThrow(TEXT.download);
    fail = false;
    expect((await opener.open(link)).cls).toBe('audio');

    const other = await sealed('other', 'x.jpg');
    await expect(createOpener(async () => other.cipher).open(link)).rejects.toThrow(TEXT.decrypt);
  });

  it('revokes every decrypted copy at sign-out', async () => {
    const { cipher, link } = await sealed('photo', 'p.jpg');
    const opener = createOpener(async () => cipher);
    const { url } = await opener.open(link);
    await opener.forget();
    await expect(fetch(url)).rejects.toThrow();
  });
});
