// Issue #14: nothing a staff member sends may drop the component's link to
// Prosody or corrupt text on its way in. A drop bounces every stanza in
// flight to ops.<domain> (remote-server-timeout): role messages, commands,
// and later alarms. Runs on SQLite (int) and PostgreSQL (int-pg).
import { NS_COMMANDS, NS_PING, NS_ROLE, NS_STANZAS, COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, memoryLog, nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let nurse: Client;
let dispatcher: Client;
const log = memoryLog();

beforeAll(async () => {
  h = await startHarness({ logger: log.logger });
  ops = h.prosody.settings.opsHost;
  nurse = await h.login('nurse');
  dispatcher = await h.login('dispatcher');
});
afterAll(() => h?.stop());

/** Prosody stamps 'from'; a raw write lets a test send what xmpp.js would escape or refuse to build. */
const raw = (c: Client, s: string) => c.write(s);

/** The next reply to an id, and its size as it arrived. */
function replyTo(c: Client, id: string, timeoutMs = 10_000): Promise<XmlElement> {
  return Promise.race([
    nextStanza(c, (el) => el.attrs.id === id && (el.attrs.type === 'error' || el.attrs.type === 'result')),
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no reply to ${id.slice(0, 20)}…`)), timeoutMs),
    ),
  ]);
}

async function stillUp(): Promise<void> {
  const pong = await exchange(nurse, xml('iq', { type: 'get', to: ops }, xml('ping', { xmlns: NS_PING })));
  expect(pong.attrs.type).toBe('result');
  expect(log.lines().filter((l) => /lost Prosody/.test(l))).toEqual([]);
}

describe('the link to Prosody survives what a staff member sends', () => {
  it('answers a command node of 80,000 apostrophes with a short error, and stays connected', async () => {
    const node = "'".repeat(80_000);
    const reply = replyTo(nurse, 'a1');
    await raw(nurse, `<iq type="set" to="${ops}" id="a1"><command xmlns="${NS_COMMANDS}" node="${node}"/></iq>`);
    const r = await reply;
    expect(r.attrs.type).toBe('error');
    expect(r.getChild('error')!.getChild('item-not-found', NS_STANZAS)).toBeDefined();
    expect(r.toString().length).toBeLessThan(4096);
    await stillUp();
  });

  it('answers an IQ whose id is 90,000 apostrophes without passing Prosody’s limit', async () => {
    const id = "'".repeat(90_000);
    const reply = nextStanza(nurse, (el) => el.attrs.type === 'error' && (el.attrs.id ?? '').startsWith("''''"));
    await raw(nurse, `<iq type="get" to="${ops}" id="${id}"><q xmlns="urn:x"/></iq>`);
    const r = await Promise.race([
      reply,
      new Promise<never>((_, no) => setTimeout(() => no(new Error('no reply')), 10_000)),
    ]);
    expect(r.toString().length).toBeLessThan(64 * 1024);
    expect(r.getChild('error')!.getChildText('text', NS_STANZAS)).toMatch(/id/);
    await stillUp();
  });

  it('does not echo a 100 kB payload back in its refusal', async () => {
    const reply = replyTo(nurse, 'u1');
    await raw(nurse, `<iq type="get" to="${ops}" id="u1"><q xmlns="urn:x">${'🩺'.repeat(25_000)}</q></iq>`);
    const r = await reply;
    expect(r.getChild('error')!.getChild('service-unavailable', NS_STANZAS)).toBeDefined();
    expect(r.toString().length).toBeLessThan(4096);
    await stillUp();
  });
});

describe('text is whole however TCP splits it', () => {
  it('delivers 20 role messages of 1,800 stethoscopes each exactly as written', async () => {
    await runCommand(dispatcher, ops, COMMANDS.duty, { [F.onDuty]: 'true' });
    await dispatcher.send(xml('presence'));
    const bodies = Array.from({ length: 20 }, (_, i) => `${'é'.repeat(i)}${'🩺'.repeat(1800)}`);
    const got: string[] = [];
    const all = new Promise<void>((resolve) =>
      dispatcher.on('stanza', ((el: XmlElement) => {
        const d = el.getChild('delivered', NS_ROLE);
        if (d && got.push(d.text()) === bodies.length) resolve();
      }) as never),
    );
    for (const b of bodies)
      await nurse.send(xml('message', { type: 'chat', to: `dispatcher@${ops}` }, xml('body', {}, b)));
    await all;
    // Compared as counts, so that a failure does not print 150 kB of stethoscopes.
    expect(got.filter((b) => b.includes('\uFFFD')).length).toBe(0);
    expect(got.filter((b) => !bodies.includes(b)).length).toBe(0);
  });
});
