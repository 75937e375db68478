// Why a photo, recording or file could not be sent or shown, in words a
// nurse can act on. Limits are said in MB, as people see them in a gallery.
import type { Refusal } from './slot.ts';

export interface Limits {
  /** The largest upload the server takes (ciphertext bytes). */
  readonly maxBytes: number;
  /** What one person may upload in a day. */
  readonly quotaBytes: number;
}

export const megabytes = (n: number): string => {
  const mb = n / (1024 * 1024);
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
};

export const TEXT = {
  tooLarge: (size: number, max: number) =>
    `This file is ${megabytes(size)}; the server takes files up to ${megabytes(max)}. Send a smaller one (photos can be sent smaller).`,
  quota: (quota: number) =>
    `You have reached today's upload limit of ${megabytes(quota)}. Try again tomorrow, or ask IT to raise it.`,
  serverFull: 'The server has no room for uploads left. Tell IT.',
  forbidden: 'This account may not upload files. Tell IT.',
  failed: 'The upload failed. Check your network and try again.',
  offline: 'You are offline. Files are sent once you are back online; try again then.',
  download: 'This attachment could not be downloaded. It may have expired, or the network is down.',
  decrypt: 'This attachment could not be decrypted; it was damaged or its key is wrong.',
  video: 'This video could not be read, so its location and time could not be removed. It was not sent.',
} as const;

/** The text for a refused upload of `size` bytes. */
export function refusalText(r: Refusal, size: number, limits: Limits): string {
  switch (r.reason) {
    case 'too-large':
      return TEXT.tooLarge(size, r.maxBytes ?? limits.maxBytes);
    case 'quota':
      return TEXT.quota(limits.quotaBytes);
    case 'server-full':
      return TEXT.serverFull;
    case 'forbidden':
      return TEXT.forbidden;
    default:
      return TEXT.failed;
  }
}
