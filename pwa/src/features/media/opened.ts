// Downloads and decrypts attachments, once per link: the decrypted bytes live
// only in memory as blob: URLs, and are revoked at sign-out (a shared ward
// device). The ciphertext download goes through the service worker, which
// keeps it for offline views (sw/media-cache.ts).
import { decrypt, fileName, parseLink } from './aesgcm.ts';
import { TEXT } from './errors.ts';
import { fileType, type MediaClass } from './file-types.ts';

export interface Opened {
  readonly cls: MediaClass;
  /** The plaintext, and its blob: URL for img, video, audio and downloads. */
  readonly blob: Blob;
  readonly url: string;
  readonly name: string;
  readonly bytes: number;
}

export function createOpener(download: (url: string) => Promise<ArrayBuffer> = fetchBytes) {
  const byLink = new Map<string, Promise<Opened>>();

  async function openNow(link: string): Promise<Opened> {
    const k = parseLink(link);
    if (!k) throw new Error(TEXT.decrypt);
    const name = fileName(k);
    const { cls, mime } = fileType(name);
    let cipher: ArrayBuffer;
    try {
      cipher = await download(k.url);
    } catch {
      throw new Error(TEXT.download);
    }
    let plain: ArrayBuffer;
    try {
      plain = await decrypt(cipher, k);
    } catch {
      throw new Error(TEXT.decrypt);
    }
    const blob = new Blob([plain], { type: mime });
    return { cls, blob, url: URL.createObjectURL(blob), name, bytes: plain.byteLength };
  }

  return {
    /** The attachment behind an aesgcm:// link; rejects with the user's text. A failure may be tried again. */
    open(link: string): Promise<Opened> {
      let p = byLink.get(link);
      if (!p) {
        p = openNow(link);
        byLink.set(link, p);
        p.catch(() => byLink.delete(link));
      }
      return p;
    },
    /** What the sender uploaded is shown from its own copy, not downloaded again. */
    remember(link: string, plain: Blob): void {
      const k = parseLink(link);
      if (!k) return;
      const name = fileName(k);
      const { cls, mime } = fileType(name);
      const blob = new Blob([plain], { type: mime });
      byLink.set(link, Promise.resolve({ cls, blob, url: URL.createObjectURL(blob), name, bytes: plain.size }));
    },
    /** Sign-out: no decrypted attachment stays reachable. */
    async forget(): Promise<void> {
      const all = [...byLink.values()];
      byLink.clear();
      for (const p of all) await p.then((o) => URL.revokeObjectURL(o.url)).catch(() => {});
    },
  };
}

async function fetchBytes(url: string): Promise<ArrayBuffer> {
  // Same origin (the web server proxies /file_share/); no credentials, no referrer needed.
  const res = await fetch(url, { credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.arrayBuffer();
}

export type Opener = ReturnType<typeof createOpener>;
