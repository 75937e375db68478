import { describe, expect, it } from 'vitest';
import { allowedEndpoint, checkSubscription } from './subscription.ts';

const SERVICES = ['fcm.googleapis.com', 'push.apple.com', '127.0.0.1:8443'];

describe('push subscriptions', () => {
  it('takes https endpoints on a push service or its subdomains only', () => {
    expect(allowedEndpoint('https://fcm.googleapis.com/fcm/send/abc', SERVICES)).toBe(true);
    expect(allowedEndpoint('https://web.push.apple.com/QGx', SERVICES)).toBe(true);
    expect(allowedEndpoint('https://127.0.0.1:8443/push/1', SERVICES)).toBe(true);
    // Not https, another host, a look-alike, a port not listed, credentials in the URL.
    expect(allowedEndpoint('http://fcm.googleapis.com/fcm/send/abc', SERVICES)).toBe(false);
    expect(allowedEndpoint('https://intranet.example/push', SERVICES)).toBe(false);
    expect(allowedEndpoint('https://evilpush.apple.com.example/x', SERVICES)).toBe(false);
    expect(allowedEndpoint('https://127.0.0.1:5432/', SERVICES)).toBe(false);
    expect(allowedEndpoint('https://u:p@fcm.googleapis.com/x', SERVICES)).toBe(false);
    expect(allowedEndpoint('not a url', SERVICES)).toBe(false);
  });

  it('refuses keys RFC 8291 cannot use, saying which', () => {
    const good = {
      endpoint: 'https://fcm.googleapis.com/fcm/send/abc',
      p256dh: Buffer.concat([Buffer.from([4]), Buffer.alloc(64, 1)]).toString('base64url'),
      auth: Buffer.alloc(16, 2).toString('base64url'),
    };
    expect(() => checkSubscription(good, SERVICES)).not.toThrow();
    expect(() => checkSubscription({ ...good, p256dh: 'abc' }, SERVICES)).toThrow(/P-256/);
    expect(() => checkSubscription({ ...good, auth: 'abc' }, SERVICES)).toThrow(/16 bytes/);
  });
});
