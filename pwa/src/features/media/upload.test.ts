// The refusals a user sees at the slot request (the PUT itself is
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
  it('asks the server about a file over the limit the app was told at start: the server may take it now', async () => {
    // The admin raised the limit to 10 MB after the app loaded with 5 MB: the server grants the slot.
    let asked = 0;
    const deps = { shareHost: 'share.h', limits, request: async () => (asked++, xml('iq', { type: 'result' })) };
    // A result without a slot fails after asking; what matters here is that the server was asked.
    await expect(upload(deps, new Blob([new Uint8Array(6 * MB)]), 'video.mp4')).rejects.toThrow(/upload failed/);
    expect(asked).toBe(1);
  });

  it("says the server's own limit, not the one the app was told at start", async () => {
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
