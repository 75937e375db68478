// Golden stanzas in, typed contents out: 1:1 chats, rooms, carbons and
// archives through the one pipeline, with its trust rules, and the async step
// (where OMEMO will decrypt) keeping arrival order.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import { xml, type XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import type { Incoming, InboundContext } from './inbound.ts';
import { createPipeline, type InboundTransform } from './pipeline.ts';
import { markDecrypted } from './security.ts';

const NOW = '2026-11-24T10:00:00.000Z';
const read = (path: string) =>
  parse(
    readFileSync(new URL(path, import.meta.url), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim(),
  ) as XmlElement;
const golden = (name: string) => read(`./golden/${name}`);
const fixture = (name: string) => read(`../../../../protocol/fixtures/${name}`);

const occupants: Record<string, string> = {
  'ward@conference.h.example/amara': 'amara@h.example',
  'ward@conference.h.example/dana': 'dana@h.example',
};
const hospital: InboundContext = {
  me: 'dana@h.example',
  mucHost: 'conference.h.example',
  opsHost: 'ops.h.example',
  occupant: (room, nick) => occupants[`${room}/${nick}`] ?? '',
};
const demo: InboundContext = { ...hospital, me: 'nurse@bleep.localhost', opsHost: 'ops.bleep.localhost' };

/** Everything the pipeline dispatches for these stanzas, once drained. */
async function through(stanzas: XmlElement[], ctx = hospital, transforms: InboundTransform[] = []) {
  const out: Incoming[] = [];
  const pipeline = createPipeline(
    () => ctx,
    (ev) => out.push(ev),
    () => NOW,
  );
  transforms.forEach((t) => pipeline.use(t));
  stanzas.forEach((s) => pipeline.push(s));
  await pipeline.drain();
  return out;
}
const one = async (stanza: XmlElement, ctx = hospital) => (await through([stanza], ctx))[0];

const base = { nick: '', mine: false, at: NOW, archiveId: '', queryid: '', receiptWanted: false };

describe('1:1 messages', () => {
  it('reads a live message: origin-id, my archive id, receipt asked; a sender-made stamp is not believed', async () => {
    expect(await one(golden('chat-in.xml'))).toEqual({
      ...base,
      type: 'chat',
      conversation: 'priya@h.example',
      id: 'o1',
      from: 'priya@h.example',
      archiveId: 'A42',
      receiptWanted: true,
      content: { kind: 'text', body: 'Bed 4 is stable' },
      security: 'plain',
    });
  });

  it('shows a message without any id: by my archive id, else by one made here, and asks no receipt for it', async () => {
    const bare = (archived: boolean) =>
      xml(
        'message',
        { type: 'chat', from: 'priya@h.example/bot', to: 'dana@h.example' },
        xml('body', {}, 'Bed 4 is stable'),
        xml('request', { xmlns: 'urn:xmpp:receipts' }),
        ...(archived ? [xml('stanza-id', { xmlns: 'urn:xmpp:sid:0', by: 'dana@h.example', id: 'A50' })] : []),
      );
    const [kept, unkept] = await through([bare(true), bare(false)]);
    expect(kept).toMatchObject({ id: 'A50', archiveId: 'A50', receiptWanted: false, content: { kind: 'text' } });
    expect(unkept).toMatchObject({ archiveId: '', receiptWanted: false, content: { kind: 'text' } });
    expect(unkept!.id).toMatch(/^local-/);
  });

  it("keeps the server's stamp on a message kept offline", async () => {
    expect(await one(golden('chat-offline.xml'))).toMatchObject({ id: 'o2', at: '2026-11-24T07:00:00Z' });
  });

  it("takes a carbon of the user's own message from her own account, and nobody else's", async () => {
    expect(await one(golden('carbon-sent.xml'))).toEqual({
      ...base,
      type: 'chat',
      conversation: 'priya@h.example',
      id: 'o3',
      from: 'dana@h.example',
      mine: true,
      archiveId: 'A44',
      content: { kind: 'text', body: 'On my way' },
      security: 'plain',
    });
    expect(await through([golden('carbon-forged.xml')])).toEqual([]);
  });

  it("takes a received carbon's id in the user's own archive, and no one else's", async () => {
    expect(await one(golden('carbon-received.xml'))).toMatchObject({
      conversation: 'priya@h.example',
      id: 'o4',
      from: 'priya@h.example',
      archiveId: 'A43',
      content: { kind: 'text', body: 'Bed 4 needs you' },
    });
  });

  it("reads the user's own archive, with its id and stamp, and no receipt; a result from someone else is dropped", async () => {
    expect(await one(golden('mam-chat.xml'))).toEqual({
      ...base,
      type: 'chat',
      conversation: 'priya@h.example',
      id: 'o1',
      from: 'priya@h.example',
      at: '2026-11-23T08:00:00Z',
      archiveId: 'A7',
      queryid: 'q1',
      content: { kind: 'text', body: 'Bed 4 is stable' },
      security: 'plain',
    });
    expect(await through([golden('mam-forged.xml')])).toEqual([]);
  });

  it('reads receipts, read markers, retractions (despite their fallback body) and typing', async () => {
    const contents = (
      await through(
        ['chat-receipt', 'chat-displayed', 'chat-retraction', 'chat-composing'].map((n) => golden(`${n}.xml`)),
      )
    ).map((ev) => ev.content);
    expect(contents).toEqual([
      { kind: 'receipt', of: 'o9' },
      { kind: 'displayed', of: 'o9' },
      { kind: 'retraction', retracts: 'o1' },
      { kind: 'chatstate', state: 'composing' },
    ]);
  });
});

describe('rooms', () => {
  it("names a live sender by the room's presence, not by an <x/> they added, and ignores their own stamp", async () => {
    expect(await one(golden('room-live.xml'))).toEqual({
      ...base,
      type: 'groupchat',
      conversation: 'ward@conference.h.example',
      id: 'g1',
      from: 'amara@h.example',
      nick: 'amara',
      archiveId: 'R9',
      content: { kind: 'text', body: 'On my way' },
      security: 'plain',
    });
  });

  it("names an archived sender by the room's own <x/>, the last one", async () => {
    expect(await one(golden('room-mam.xml'))).toMatchObject({
      from: 'amara@h.example',
      id: 'g2',
      at: '2026-11-20T08:00:00Z',
      archiveId: 'R1',
      queryid: 'q2',
    });
    expect(await through([golden('room-mam-forged.xml')])).toEqual([]);
  });

  it('reads a correction with its real sender', async () => {
    expect(await one(golden('room-correction.xml'))).toMatchObject({
      from: 'amara@h.example',
      content: { kind: 'correction', replaces: 'g1', body: 'Bed 5, not 4' },
    });
  });

  it('leaves an unknown nick without a sender (nobody can vouch for it)', async () => {
    const m = golden('room-live.xml');
    m.attrs.from = 'ward@conference.h.example/stranger';
    expect(await one(m)).toMatchObject({ from: '', nick: 'stranger', mine: false });
  });

  it('holds a live message from an unknown nick until the room says who it is, and what came after behind it', async () => {
    const m = golden('room-live.xml');
    m.attrs.from = 'ward@conference.h.example/paul';
    let answer = (_jid: string) => {};
    const asked: string[] = [];
    const whois = (room: string, nick: string) => {
      asked.push(`${room}/${nick}`);
      return new Promise<string>((r) => (answer = r));
    };
    const out: Incoming[] = [];
    const pipeline = createPipeline(
      () => ({ ...hospital, whois }),
      (ev) => out.push(ev),
    );
    pipeline.push(m);
    pipeline.push(golden('room-correction.xml'));
    await new Promise((r) => setTimeout(r, 0));
    expect(out).toEqual([]);
    answer('paul@h.example');
    await pipeline.drain();
    expect(out.map((e) => [e.from, e.content.kind])).toEqual([
      ['paul@h.example', 'text'],
      ['amara@h.example', 'correction'],
    ]);
    // A known sender and an archived copy are never asked about.
    expect(asked).toEqual(['ward@conference.h.example/paul']);
  });
});

describe('role deliveries (protocol/fixtures)', () => {
  const delivered = {
    ...base,
    type: 'chat',
    conversation: 'dispatcher@bleep.localhost',
    id: 'd1',
    from: 'dispatcher@bleep.localhost',
    // Relayed by the component: readable by the hospital's server.
    security: 'server',
    content: {
      kind: 'role-delivery',
      id: 'd1',
      role: 'nurse',
      sender: 'dispatcher@bleep.localhost',
      body: 'Bed 4 needs a check',
    },
  };

  it('shows a live delivery and its archived copy as one message from the real sender', async () => {
    expect(await one(fixture('role-delivered.xml'), demo)).toEqual(delivered);
    expect(await one(fixture('role-delivered-archived.xml'), demo)).toEqual({
      ...delivered,
      at: '2026-11-24T09:30:00Z',
      archiveId: 'A3',
      queryid: 'q1',
    });
  });

  it("is the component's alone: from a person it is their own text; the component's other messages are no conversation", async () => {
    expect(await one(golden('role-delivered-forged.xml'))).toMatchObject({
      conversation: 'mallory@h.example',
      from: 'mallory@h.example',
      content: { kind: 'text' },
    });
    expect(await through([golden('role-reached.xml')])).toEqual([]);
  });
});

describe('the async step', () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const numbered = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const m = golden('mam-chat.xml');
      const result = m.getChild('result', 'urn:xmpp:mam:2')!;
      result.attrs.id = `A${i}`;
      result.getChild('forwarded')!.getChild('message')!.getChild('origin-id', 'urn:xmpp:sid:0')!.attrs.id = `o${i}`;
      return m;
    });

  it('keeps arrival order when the first message takes longest (a slow decryption)', async () => {
    const slow: InboundTransform = async (msg) => {
      await wait(msg.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id === 'o0' ? 30 : 1);
      return msg;
    };
    const out = await through(numbered(5), hospital, [slow]);
    expect(out.map((ev) => ev.id)).toEqual(['o0', 'o1', 'o2', 'o3', 'o4']);
  });

  it('has an archive page complete and in order at drain(), as an archive query awaits it', async () => {
    const out: string[] = [];
    const pipeline = createPipeline(
      () => hospital,
      (ev) => out.push(ev.archiveId),
      () => NOW,
    );
    pipeline.use(async (msg) => (await wait(Math.random() * 5), msg));
    numbered(8).forEach((m) => pipeline.push(m));
    expect(out).toEqual([]); // nothing yet: every message waits for the async step
    await pipeline.drain();
    expect(out).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7']);
  });

  it('leaves out a message its transform rejects, and goes on with the next', async () => {
    const failing: InboundTransform = async (msg, env) => {
      if (env.archiveId === 'A1') throw new Error('cannot decrypt');
      return msg;
    };
    const quiet = console.error;
    console.error = () => {};
    try {
      expect((await through(numbered(3), hospital, [failing])).map((ev) => ev.archiveId)).toEqual(['A0', 'A2']);
    } finally {
      console.error = quiet;
    }
  });

  it('shows a lock only where the decryption step put it: a sender cannot forge the mark', async () => {
    const [forged, decrypted] = numbered(2);
    for (const m of [forged!, decrypted!])
      m.getChild('result', 'urn:xmpp:mam:2')!
        .getChild('forwarded')!
        .getChild('message')!
        .children.push(xml('decrypted', { xmlns: 'urn:bleep:local:decrypted' }));
    const mark: InboundTransform = async (msg, env) => {
      if (env.archiveId === 'A1') markDecrypted(msg);
      return msg;
    };
    const out = await through([forged!, decrypted!], hospital, [mark]);
    expect(out.map((ev) => ev.security)).toEqual(['plain', 'encrypted']);
  });
});
