// A real Prosody from the runner: starts, logs a user in over STARTTLS, answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './index.ts';
import { login, xml, type Client } from './test-client.ts';

const alice = { user: 'alice', password: 'alice-password-1' };
let prosody: RunningProsody;
let client: Client | undefined;

beforeAll(async () => {
  const progress: string[] = [];
  prosody = await startTestProsody({
    accounts: [alice],
    onProgress: (l) => progress.push(l),
  });
  expect(progress.join('\n')).toMatch(/starting Prosody/);
  expect(progress.join('\n')).not.toContain(alice.password);
});

afterAll(async () => {
  await client?.stop();
  await prosody?.stop();
});

describe('runner Prosody', () => {
  it('logs a created account in over STARTTLS and answers a ping', async () => {
    client = await login(prosody.settings, alice);
    expect(String(client.jid)).toMatch(/^alice@bleep\.localhost\//);
    const pong = await client.iqCaller.request(
      xml('iq', { type: 'get', to: prosody.settings.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })),
    );
    expect(pong.attrs.type).toBe('result');
  });

  it('runs on the storage this suite asked for (int: SQLite, int-pg: a throwaway PostgreSQL database)', () => {
    const expected = process.env.BLEEP_TEST_STORAGE === 'postgres' ? 'postgres' : 'sqlite';
    expect(prosody.settings.storage.kind).toBe(expected);
  });

  it('returns the roster', async () => {
    const res = await client!.iqCaller.request(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:roster' })));
    expect(res.getChild('query', 'jabber:iq:roster')).toBeDefined();
  });

  it('refuses a wrong password', async () => {
    await expect(login(prosody.settings, { user: 'alice', password: 'wrong' })).rejects.toThrow(/not-authorized/);
  });
});
