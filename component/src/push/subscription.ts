// Checks a subscription a device sends before it is kept: an https endpoint
// on one of the configured push services (the component reaches nothing
// else: no requests to addresses a user chose), and the keys RFC 8291 needs.
import { randomBytes } from 'node:crypto';
import { BleepError, quote } from '../xmpp/errors.ts';

const B64URL = /^[A-Za-z0-9_-]+=*$/;
const bytes = (v: string) => (B64URL.test(v) ? Buffer.from(v, 'base64url') : Buffer.alloc(0));

/** The endpoint's host is a push service or one of its subdomains (host:port entries match exactly). */
export function allowedEndpoint(endpoint: string, services: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return false;
  return services.some((s) =>
    s.includes(':') ? url.host === s : url.hostname === s || url.hostname.endsWith(`.${s}`),
  );
}

export function checkSubscription(
  s: { endpoint: string; p256dh: string; auth: string },
  services: readonly string[],
): void {
  if (!allowedEndpoint(s.endpoint, services))
    throw new BleepError(
      'bad-form',
      `${quote(s.endpoint.slice(0, 80))} is not an https address of a push service this server sends to (${services.join(', ')}).`,
    );
  // RFC 8291 §3.2: an uncompressed P-256 point (65 bytes, 0x04 first); §3.2: a 16-byte authentication secret.
  const key = bytes(s.p256dh);
  if (key.length !== 65 || key[0] !== 4) throw new BleepError('bad-form', 'The p256dh key is not a P-256 public key.');
  if (bytes(s.auth).length !== 16) throw new BleepError('bad-form', 'The auth secret must be 16 bytes.');
}

/** A fresh XEP-0357 node: unguessable, so nobody can name another's subscription. */
export const newNode = () => `push-${randomBytes(16).toString('base64url')}`;
