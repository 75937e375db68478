import { describe, expect, it, vi } from 'vitest';
import { credentials, NO_PASSWORD, userAgent, type Authenticate, type FastToken } from './credentials.ts';

const agent = userAgent('device-1');
const token: FastToken = { mechanism: 'HT-SHA-256-NONE', token: 'secret-token:fast-x', expiry: '2999-01-01T00:00:00Z' };
const fast = (t?: FastToken) => ({ mechanisms: ['HT-SHA-256-NONE'], fetch: async () => t });
const secure = { isSecure: () => true };

function run(opts: { password?: string }, offer: ReturnType<typeof fast> | null, entity = secure) {
  const authenticate = vi.fn<Authenticate>(async () => {});
  const ended = vi.fn();
  const done = credentials({ username: 'nurse', userAgent: agent, ended, password: () => opts.password })(
    authenticate,
    ['PLAIN'],
    offer,
    entity,
  );
  return { authenticate, ended, done };
}

describe('credentials', () => {
  it('sends the typed password with PLAIN over TLS, with this device id', async () => {
    const { authenticate, done } = run({ password: 'pw' }, fast());
    await done;
    expect(authenticate).toHaveBeenCalledWith({ username: 'nurse', password: 'pw', token: undefined }, 'PLAIN', agent);
    expect(agent.attrs.id).toBe('device-1');
  });

  it('never sends a password in clear', async () => {
    const { authenticate, done } = run({ password: 'pw' }, fast(), { isSecure: () => false });
    await done;
    expect(authenticate.mock.calls[0]![1]).toBeUndefined();
  });

  it('signs in after a reload with the token alone, no password mechanism to fall back to', async () => {
    const { authenticate, ended, done } = run({}, fast(token));
    await done;
    expect(authenticate).toHaveBeenCalledWith({ username: 'nurse', password: undefined, token }, NO_PASSWORD, agent);
    expect(ended).not.toHaveBeenCalled();
  });

  it('ends the sign-in, sending nothing, when the token is expired, missing or not offered', async () => {
    for (const [t, offer] of [
      [{ ...token, expiry: '2001-01-01T00:00:00Z' }, true],
      [undefined, true],
      [token, false],
    ] as const) {
      const { authenticate, ended, done } = run({}, offer ? fast(t) : null);
      await expect(done).rejects.toThrow(/No sign-in token/);
      expect(ended).toHaveBeenCalledOnce();
      expect(authenticate).not.toHaveBeenCalled();
    }
  });
});
