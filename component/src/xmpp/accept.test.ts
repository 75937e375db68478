// The component's own stream against a scripted peer that plays Prosody's
// part byte by byte, so that a read boundary falls exactly where the test
// wants it: inside a character, which real Prosody does only under load.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AcceptConnection } from './accept.ts';
import { MAX_STANZA_BYTES } from './wire.ts';
import { xml, type Element } from './xml.ts';

let server: Server | undefined;
let conn: AcceptConnection | undefined;
afterEach(async () => {
  await conn?.stop().catch(() => {});
  await new Promise((r) => (server ? server.close(r) : r(undefined)));
});

/** A peer that accepts the stream and the handshake, then hands its socket to the test. */
async function online(): Promise<{ peer: Socket; got: string[] }> {
  let resolvePeer!: (s: Socket) => void;
  const peerReady = new Promise<Socket>((r) => (resolvePeer = r));
  const got: string[] = [];
  server = createServer((s) => {
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      got.push(d);
      if (d.includes('<stream:stream'))
        s.write(
          `<?xml version='1.0'?><stream:stream xmlns:stream='http://etherx.jabber.org/streams' xmlns='jabber:component:accept' id='s1' from='ops.test'>`,
        );
      if (d.includes('</stream:stream>')) s.end('</stream:stream>');
      if (d.includes('<handshake')) {
        s.write('<handshake/>');
        resolvePeer(s);
      }
    });
  }).listen(0, '127.0.0.1');
  await new Promise((r) => server!.once('listening', r));
  const port = (server!.address() as { port: number }).port;
  conn = new AcceptConnection({ service: `xmpp://127.0.0.1:${port}`, domain: 'ops.test', timeout: 2000 });
  conn.on('open', (el) => void conn!.authenticate(el.attrs.id ?? '', 'secret'));
  await conn.start();
  return { peer: await peerReady, got };
}

const nextStanza = () => new Promise<Element>((r) => conn!.on('stanza', r));
/** What the peer read, once it holds `marker` (a stanza sent after the one under test). */
async function readUpTo(got: string[], marker: string): Promise<string> {
  await vi.waitFor(() => expect(got.join('')).toContain(marker));
  return got.join('');
}
const marker = () => xml('message', { to: 'a@test/x', id: 'marker' });

describe('the component stream', () => {
  it('keeps a character whole when a read ends in the middle of it', async () => {
    const { peer } = await online();
    const text = `Bed 4 🩺 é ${'🩺'.repeat(10)}`;
    const bytes = Buffer.from(`<message from='a@test/x' to='ops.test'><body>${text}</body></message>`);
    const split = bytes.indexOf(Buffer.from('🩺')) + 2; // two of the emoji's four bytes in each read
    const stanza = nextStanza();
    // The second half goes only once the component has read the first: two reads, for sure.
    const firstRead = new Promise((r) => conn!.socket!.once('data', r));
    peer.write(bytes.subarray(0, split));
    await firstRead;
    peer.write(bytes.subarray(split));
    expect((await stanza).getChildText('body')).toBe(text);
  });

  it('turns a reply over the bound into a short refusal to the same requester', async () => {
    const { got } = await online();
    const huge = xml(
      'iq',
      { type: 'result', id: 'r1', to: 'a@test/x' },
      xml('q', { xmlns: 'urn:x' }, 'x'.repeat(MAX_STANZA_BYTES)),
    );
    const before = got.join('').length;
    await conn!.send(huge);
    await conn!.send(marker());
    const written = (await readUpTo(got, 'id="marker"')).slice(before);
    expect(written.length).toBeLessThan(1024);
    expect(written).toContain(`type="error" id="r1"`);
    expect(written).toContain('too large');
  });

  it('never writes a character XML 1.0 forbids', async () => {
    const { got } = await online();
    await conn!.send(xml('message', { to: 'a@test/x' }, xml('body', {}, 'a\u0000b\uFFFEc\uD800d')));
    await conn!.send(marker());
    expect(await readUpTo(got, 'id="marker"')).toContain('<body>a\uFFFDb\uFFFDc\uFFFDd</body>');
  });

  it('does not send a stanza of its own that is over the bound, and says so', async () => {
    const { got } = await online();
    const refused: string[] = [];
    conn!.onRefused = (reason) => refused.push(reason);
    const before = got.join('').length;
    await conn!.send(xml('message', { to: 'a@test/x' }, xml('body', {}, 'x'.repeat(MAX_STANZA_BYTES))));
    await conn!.send(marker());
    expect((await readUpTo(got, 'id="marker"')).slice(before)).not.toContain('<body>');
    expect(refused[0]).toMatch(/over the 262144-byte bound/);
  });
});
