// The refusals a user sees before and at the slot request (the PUT itself is
// exercised in the browser, e2e/media.spec.ts).
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { upload } from './upload.ts';

const MB = 1024 * 1024;
const limits = { maxBytes: 5 * MB, quotaBytes: 50 * MB };
const refusal = (condition: string, text: string, extra?: ReturnType<typeof xml>) =>
  Object.assign(new Error(condition), {
    condition,
    text,
    element: xml('error', { type: 'modify' }, xml(condition, { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }), extra),
  });

describe('upload refusals', () => {
  it('refuses a file over the limit before asking the server, saying both sizes', async () => {
    let asked = false;
    const deps = { shareHost: 'share.h', limits, request: async () => ((asked = true), xml('iq')) };
    await expect(upload(deps, new Blob([new Uint8Array(6 * MB)]), 'video.mp4')).rejects.toThrow(
      'This file is 6 MB; the server takes files up to 5 MB.',
    );
    expect(asked).toBe(false);
  });

  it("says the server's own limit when it is lower than the app knew", async () => {
    const tooLarge = xml(
      'file-too-large',
      { xmlns: 'urn:xmpp:http:upload:0' },
      xml('max-file-size', {}, String(2 * MB)),
    );
    const deps = {
      shareHost: 'share.h',
      limits,
      request: async () => Promise.reject(refusal('not-acceptable', 'File too large', tooLarge)),
    };
    await expect(upload(deps, new Blob([new Uint8Array(3 * MB)]), 'photo.jpg')).rejects.toThrow(
      'the server takes files up to 2 MB',
    );
  });

  it("says the day's quota when the server refuses for it", async () => {
    const deps = {
      shareHost: 'share.h',
      limits,
      request: async () => Promise.reject(refusal('resource-constraint', 'Daily quota reached')),
    };
    await expect(upload(deps, new Blob([new Uint8Array(10)]), 'photo.jpg')).rejects.toThrow(
      "You have reached today's upload limit of 50 MB.",
    );
  });
});
