// keepResumable against a real Prosody: when the server stops answering for a
// moment (paused with SIGSTOP) and stream management gives up waiting for an
// ack, the client drops only its socket, and once the server is back the
// stream is resumed, not replaced, with the message sent meanwhile delivered once.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, makeClient, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import type { Client as PwaClient } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keepResumable } from './resumable.ts';

const alice = { user: 'alice', password: 'alice-password-1' };
const bob = { user: 'bob', password: 'bob-password-1' };

type SmClient = Client & {
  status: string;
  disconnect(): Promise<unknown>;
  streamManagement: { enabled: boolean; timeout: number; on(ev: 'resumed', cb: () => void): void };
};

let prosody: RunningProsody;
const open: Client[] = [];

async function until(ok: () => boolean, ms: number, what: string): Promise<void> {
  for (const end = Date.now() + ms; !ok();) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [alice, bob] });
});

afterAll(async () => {
  await Promise.all(open.map((c) => c.stop().catch(() => {})));
  await prosody?.stop();
});

describe('a stream that stays resumable', () => {
  it('is resumed, not replaced, after stream management gives up on an ack', async () => {
    const a = makeClient(prosody.settings, alice) as SmClient;
    open.push(a);
    keepResumable(a as unknown as PwaClient);
    a.streamManagement.timeout = 1000; // xmpp.js waits 60 s; the test cannot
    let gaveUp = 0;
    const drop = a.disconnect.bind(a);
    a.disconnect = async () => {
      gaveUp++;
      return drop();
    };
    let sessions = 0;
    let resumed = 0;
    a.on('online', () => sessions++);
    a.streamManagement.on('resumed', () => resumed++);
    await a.start();
    const b = await login(prosody.settings, bob);
    open.push(b);
    await until(() => a.streamManagement.enabled, 5000, 'stream management');
    await b.send(xml('presence'));
    const got: string[] = [];
    b.on('stanza', ((el: XmlElement) => {
      const body = el.name === 'message' ? el.getChildText('body') : null;
      if (body) got.push(body);
    }) as never);

    process.kill(prosody.pid, 'SIGSTOP');
    try {
      await a.send(xml('message', { to: `bob@${prosody.settings.domain}`, type: 'chat' }, xml('body', {}, 'Bed 3')));
      // The ack request goes out after 250 ms; with no answer in 1 s stream management gives up.
      await until(() => gaveUp > 0, 5000, 'giving up on the ack');
    } finally {
      process.kill(prosody.pid, 'SIGCONT');
    }
    await until(() => resumed === 1, 30_000, 'resumption');
    expect(sessions).toBe(1);
    await until(() => got.length > 0, 5000, 'delivery');
    await new Promise((r) => setTimeout(r, 500)); // a second copy would be here by now
    expect(got).toEqual(['Bed 3']);
  }, 60_000);
});
