// SASL2 and FAST on the Debian Prosody 0.12.3 with Bleep's shim
// (modules/mod_bleep_sasl2_compat.lua): a device signs in again with its token
// instead of the password, the token is bound to that device, and a dropped
// stream is resumed (XEP-0198 <resume/> after SASL2) with nothing lost.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './runner/index.ts';
import {
  login,
  makeClient,
  signInDevice,
  xml,
  type Client,
  type FastClient,
  type FastToken,
  type XmlElement,
} from './runner/test-client.ts';

/** The parts of @xmpp/client 0.14 these tests steer beyond FAST: stream management. */
type SmClient = FastClient & {
  status: string;
  socket: { destroy?(): void; socket?: { destroy(): void } } | null;
  streamManagement: { enabled: boolean; id: string; on(ev: 'resumed', cb: () => void): void };
};

const alice = { user: 'alice', password: 'alice-password-1' };
const bob = { user: 'bob', password: 'bob-password-1' };
let prosody: RunningProsody;
const open: Client[] = [];

/** Signs alice in on one device, with `saved` or else `password`; resolves when online. */
async function device(password: string, deviceId: string, saved?: FastToken) {
  const { client, tokens } = await signInDevice(prosody.settings, { ...alice, password }, deviceId, saved, open);
  return { c: client as SmClient, tokens };
}

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [alice, bob] });
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.stop().catch(() => {})));
});

afterAll(async () => {
  await prosody?.stop();
});

describe('SASL2 and FAST on Prosody 0.12.3', () => {
  it('gives a device a token at password sign-in that lasts the configured 7 days', async () => {
    const { tokens } = await device(alice.password, 'ward-3-tablet');
    expect(tokens).toHaveLength(1);
    expect(tokens[0]!.mechanism).toBe('HT-SHA-256-NONE');
    const days = (Date.parse(tokens[0]!.expiry) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
  });

  it('signs the same device in again with its token, without the password', async () => {
    const first = await device(alice.password, 'ward-4-tablet');
    const again = await device('not-the-password', 'ward-4-tablet', first.tokens[0]);
    expect(String(again.c.jid)).toMatch(/^alice@bleep\.localhost\//);
  });

  it('refuses the token from another device; the password then works on the same stream', async () => {
    const first = await device(alice.password, 'ward-5-tablet');
    const other = makeClient(prosody.settings, { user: alice.user, password: 'wrong' }, { deviceId: 'stolen' });
    open.push(other);
    (other as FastClient).fast.fetchToken = async () => first.tokens[0];
    await expect(other.start()).rejects.toThrow(/not-authorized/);
    // A token the server refuses leaves the stream ready for a password (the shim's failure hook).
    const fallback = await device(alice.password, 'stolen', first.tokens[0]);
    expect(String(fallback.c.jid)).toMatch(/^alice@bleep\.localhost\//);
  });

  it('lets a signed-in device send a long message (50 kB), as after a legacy SASL sign-in', async () => {
    const { c } = await device(alice.password, 'ward-7-tablet');
    const receiver = await login(prosody.settings, bob);
    open.push(receiver);
    await receiver.send(xml('presence'));
    const got = new Promise<string>((resolve) =>
      receiver.on('stanza', ((el: XmlElement) => {
        if (el.name === 'message') resolve(el.getChildText('body') ?? '');
      }) as (arg: never) => void),
    );
    const text = 'x'.repeat(50_000);
    await c.send(xml('message', { to: `bob@${prosody.settings.domain}`, type: 'chat' }, xml('body', {}, text)));
    expect((await got).length).toBe(text.length);
  });

  it('resumes a dropped stream, and a message sent during the drop arrives exactly once', async () => {
    const { c } = await device(alice.password, 'ward-6-tablet');
    await until(() => c.streamManagement.enabled);
    await c.send(xml('presence')); // available: chat messages to the bare JID come to this session
    const previd = c.streamManagement.id;
    const received: string[] = [];
    c.on('stanza', ((el: XmlElement) => {
      const body = el.name === 'message' ? el.getChildText('body') : null;
      if (body) received.push(body);
    }) as (arg: never) => void);
    let resumed = 0;
    c.streamManagement.on('resumed', () => resumed++);

    // The network goes: the socket dies without </stream>, so Prosody keeps the session (hibernation).
    const socket = c.socket!;
    (socket.socket ?? socket).destroy!();
    const sender = await login(prosody.settings, bob);
    open.push(sender);
    await sender.send(
      xml('message', { to: `alice@${prosody.settings.domain}`, type: 'chat' }, xml('body', {}, 'bed 7')),
    );

    await until(() => resumed === 1, 15_000); // @xmpp/reconnect, 1 s after the drop
    expect(c.streamManagement.id).toBe(previd);
    await until(() => received.length > 0);
    await new Promise((r) => setTimeout(r, 500)); // a duplicate would be here by now
    expect(received).toEqual(['bed 7']);
  });
});

async function until(ok: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
