import { describe, expect, it } from 'vitest';
import { deviceId, forgetSignIn, isFresh, loadSignIn, parseSignIn, saveSignIn } from './device.ts';

/** localStorage as a Map (tests run in Node). */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

const token = {
  username: 'nurse',
  mechanism: 'HT-SHA-256-NONE',
  token: 'secret-token:fast-x',
  expiry: '2030-01-01T00:00:00Z',
};

describe('device', () => {
  it('keeps one id per device, so the server can bind tokens to it', () => {
    const ward = memoryStorage();
    const id = deviceId(ward);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(deviceId(ward)).toBe(id);
    expect(deviceId(memoryStorage())).not.toBe(id);
  });

  it('keeps the sign-in across a reload and forgets it at sign-out, keeping the device id', () => {
    const s = memoryStorage();
    const id = deviceId(s);
    saveSignIn(token, s);
    expect(loadSignIn(s)).toEqual(token);
    forgetSignIn(s);
    expect(loadSignIn(s)).toBeUndefined();
    expect(deviceId(s)).toBe(id);
  });

  it('ignores a damaged or foreign entry instead of signing in with it', () => {
    const s = memoryStorage();
    s.setItem('bleep.signin', '{not json');
    expect(loadSignIn(s)).toBeUndefined();
    expect(parseSignIn({ ...token, token: '' })).toBeUndefined();
    expect(parseSignIn({ ...token, expiry: 'tomorrow' })).toBeUndefined();
    expect(parseSignIn(null)).toBeUndefined();
  });

  it('knows an expired token without asking the server', () => {
    expect(isFresh(token, Date.parse('2029-12-31T23:59:59Z'))).toBe(true);
    expect(isFresh(token, Date.parse('2030-01-01T00:00:00Z'))).toBe(false);
  });
});
