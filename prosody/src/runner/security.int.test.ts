// What "TLS required, no federation" looks like from outside a running Prosody.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './index.ts';
import { canConnect } from './ports.ts';
import { openRaw, streamHeader } from './raw-stream.ts';
import { login, xml, type Client, type XmlElement } from './test-client.ts';

const alice = { user: 'alice', password: 'alice-password-1' };
let prosody: RunningProsody;
let client: Client | undefined;

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [alice] });
});
afterAll(async () => {
  await client?.stop();
  await prosody?.stop();
});

/** TCP ports the given process listens on (ss shows other users' processes to root only; Prosody runs as us otherwise). */
function listeningPorts(pid: number): number[] {
  const out = execFileSync('ss', ['-ltnpH'], { encoding: 'utf8' });
  return out
    .split('\n')
    .filter((l) => l.includes(`pid=${pid},`))
    .map((l) => Number(l.trim().split(/\s+/)[3]!.split(':').pop()))
    .sort((a, b) => a - b);
}

describe('no federation', () => {
  it('listens only on the c2s, http and component ports; nothing on 5269', async () => {
    const { c2s, http, component } = prosody.settings.ports;
    expect(listeningPorts(prosody.pid)).toEqual([c2s, http, component].sort((a, b) => a - b));
    expect(await canConnect(5269)).toBe(false);
  });

  it('bounces a message to another domain with an error', async () => {
    client = await login(prosody.settings, alice);
    const bounced = new Promise<XmlElement>((resolve) =>
      client!.on('stanza', (st: XmlElement) => st.name === 'message' && st.attrs.id === 'remote-1' && resolve(st)),
    );
    await client.send(
      xml('message', { to: 'bob@remote.example', type: 'chat', id: 'remote-1' }, xml('body', {}, 'hello')),
    );
    const err = await bounced;
    expect(err.attrs.type).toBe('error');
    expect(err.getChild('error')?.getChild('not-allowed', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toBeDefined();
    expect(err.getChild('error')?.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(
      /remote domains is not enabled/,
    );
  });
});

describe('TLS required on c2s', () => {
  it('offers only STARTTLS (required) before TLS and refuses a plain-text login', async () => {
    const raw = await openRaw(prosody.settings.ports.c2s);
    try {
      raw.send(streamHeader(prosody.settings.domain));
      const features = await raw.until(/<\/stream:features>/);
      expect(features).toMatch(/<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required\/><\/starttls>/);
      expect(features).not.toContain('mechanisms');
      const plain = Buffer.from(`\0${alice.user}\0${alice.password}`).toString('base64');
      raw.send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${plain}</auth>`);
      expect(await raw.until(/<\/failure>|<failure[^>]*\/>/)).toContain('<encryption-required/>');
    } finally {
      raw.close();
    }
  });
});

describe('accounts only by invite', () => {
  it('refuses in-band registration without an invite token, even over TLS', async () => {
    const { domain, ports, tls } = prosody.settings;
    const raw = await openRaw(ports.c2s);
    try {
      raw.send(streamHeader(domain));
      await raw.until(/<\/stream:features>/);
      raw.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
      await raw.until(/<proceed/);
      await raw.upgrade({ ca: readFileSync(tls.cert, 'utf8'), servername: domain });
      raw.send(streamHeader(domain));
      await raw.until(/<\/stream:features>/);
      raw.send(
        "<iq type='set' id='reg1'><query xmlns='jabber:iq:register'><username>mallory</username><password>mallory-pw-1</password></query></iq>",
      );
      const answer = await raw.until(/<iq[^>]*id='reg1'[\s\S]*?<\/iq>/);
      // Attribute order varies between runs (Lua table order).
      expect(answer.slice(answer.lastIndexOf('<iq '))).toMatch(/^<iq [^>]*type='error'/);
      expect(answer).toContain('Registration on this server is through invitation only');
    } finally {
      raw.close();
    }
    await expect(login(prosody.settings, { user: 'mallory', password: 'mallory-pw-1' })).rejects.toThrow(
      /not-authorized/,
    );
  });
});

describe('rooms Bleep keeps for itself', () => {
  /** Joining a room that does not exist yet creates it (XEP-0045 §10.1); the presence that answers. */
  async function create(c: Client, room: string): Promise<XmlElement> {
    const answer = new Promise<XmlElement>((resolve) =>
      c.on('stanza', (st: XmlElement) => st.name === 'presence' && st.attrs.from?.startsWith(room) && resolve(st)),
    );
    await c.send(xml('presence', { to: `${room}/alice` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
    return answer;
  }

  it("refuses a user who would create a department's or an incident's room first, saying why", async () => {
    client ??= await login(prosody.settings, alice);
    for (const node of ['dept-emergency-1a2b3c4d', 'alarm-abcd2345']) {
      const answer = await create(client, `${node}@${prosody.settings.mucHost}`);
      expect(answer.attrs.type).toBe('error');
      const error = answer.getChild('error')!;
      expect(error.getChild('not-allowed', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toBeDefined();
      expect(error.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(
        /kept for Bleep's department and incident rooms/,
      );
    }
    // Any other name is still hers to create.
    const own = await create(client, `ward-3-handover@${prosody.settings.mucHost}`);
    expect(own.attrs.type).toBeUndefined();
  });
});
