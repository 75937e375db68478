// Attachments for the signed-in account: uploading what the user picks
// (encrypted, with progress) and opening what arrives. One Pinia setup store.
import { defineStore } from 'pinia';
import { useConnection } from '../../xmpp/connection.store.ts';
import { request } from '../../xmpp/session.ts';
import { TEXT } from './errors.ts';
import { createOpener } from './opened.ts';
import { upload, UploadError, type Progress } from './upload.ts';

export const useAttachments = defineStore('attachments', () => {
  const connection = useConnection();
  const opener = createOpener();
  connection.onLogout(() => {
    void opener.forget();
    // The service worker's copies (sw/media-cache.ts MEDIA_CACHE): ciphertext, but not the next person's.
    void caches?.delete('bleep-media');
  });

  return {
    open: opener.open,
    /** Encrypts and uploads `file` as `name`; resolves with the aesgcm:// link to send. Rejects with the user's text. */
    async upload(file: Blob, name: string, onProgress?: Progress): Promise<string> {
      const xmpp = connection.xmpp;
      const config = connection.config;
      if (!xmpp || !config || connection.state !== 'online') throw new UploadError(TEXT.offline);
      const deps = {
        shareHost: config.shareHost,
        limits: { maxBytes: config.uploadMaxBytes, quotaBytes: config.uploadQuotaBytes },
        request: (iq: Parameters<typeof xmpp.iqCaller.request>[0]) => request(xmpp, iq, 30_000),
      };
      const link = await upload(deps, file, name, onProgress);
      opener.remember(link, file);
      return link;
    },
  };
});
