// The messages store with a fake client (fake-connection.ts): receipts and
// markers batched, archives paged and caught up in order (also behind a slow
// async step), the outbox flushed once per stream, per account, cleared at
// sign-out, and what waited too long not sent silently.
import 'fake-indexeddb/auto';
import { NS_MAM, NS_RSM } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from './content.ts';
import { useMessages } from './messages.store.ts';
import { fakeClient, link, type FakeClient } from './fake-connection.ts';
import { messageStanza } from './outbound.ts';
import { openOutbox } from './outbox.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('./fake-connection.ts'));

const DANA = 'dana@h.example';
const AMARA = 'amara@h.example';
const WARD = 'ward@conference.h.example';

/** Lets timers (faked) and the pipeline's promises run. */
const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
/** Waits for IndexedDB work, which runs on real timers. */
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  await tick();
};

function from(
  who: string,
  to: string,
  c: MessageContent,
  id?: string,
  type: 'chat' | 'groupchat' = 'chat',
): XmlElement {
  const el = messageStanza({ jid: to, type }, c, id);
  el.attrs.from = who;
  return el;
}
const said = (body: string, id: string) => from(`${AMARA}/phone`, DANA, { kind: 'text', body }, id);
const sentKinds = (c: FakeClient, kind: string) =>
  c.sent.filter((s) => s.name === 'message' && s.children.some((x) => typeof x !== 'string' && x.name === kind));
const bodies = (c: FakeClient) =>
  c.sent.filter((s) => s.attrs.type && s.getChildText('body')).map((s) => s.getChildText('body'));

/** An archive answering from `pages` (by RSM position): results pushed into the stream, then the <fin/>. */
function archive(c: FakeClient, pages: Record<string, { ids: string[]; complete: boolean }>, room = '') {
  const asked: string[] = [];
  c.answer = (iq) => {
    const q = iq.getChild('query', NS_MAM)!;
    const set = q.getChild('set', NS_RSM)!;
    const at = set.getChild('after') ? `after:${set.getChildText('after')}` : `before:${set.getChildText('before')}`;
    asked.push(at);
    const page = pages[at] ?? { ids: [], complete: true };
    for (const id of page.ids) {
      const inner = room
        ? from(`${WARD}/amara`, WARD, { kind: 'text', body: `archived ${id}` }, `o-${id}`, 'groupchat')
        : from(`${AMARA}/phone`, DANA, { kind: 'text', body: `archived ${id}` }, `o-${id}`);
      if (room)
        inner.children.push(xml('x', { xmlns: 'http://jabber.org/protocol/muc#user' }, xml('item', { jid: AMARA })));
      link.stanza(
        xml(
          'message',
          { from: room || undefined, to: `${DANA}/pwa` },
          xml(
            'result',
            { xmlns: NS_MAM, queryid: q.attrs.queryid, id },
            xml(
              'forwarded',
              { xmlns: 'urn:xmpp:forward:0' },
              xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2026-11-24T08:00:00Z' }),
              inner,
            ),
          ),
        ),
      );
    }
    const rsm = xml(
      'set',
      { xmlns: NS_RSM },
      xml('first', {}, page.ids[0] ?? ''),
      xml('last', {}, page.ids.at(-1) ?? ''),
    );
    return xml('iq', { type: 'result' }, xml('fin', { xmlns: NS_MAM, complete: String(page.complete) }, rsm));
  };
  return asked;
}

let store: ReturnType<typeof useMessages>;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2026-11-24T10:00:00Z'));
  vi.stubGlobal('document', { visibilityState: 'visible' });
  const kept = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => kept.get(k) ?? null,
    setItem: (k: string, v: string) => kept.set(k, v),
  });
  link.reset();
  setActivePinia(createPinia());
  store = useMessages();
  for (const who of [DANA, 'priya@h.example']) await (await openOutbox(who)).clear();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('receipts and read markers', () => {
  it('answers a burst read in the open chat with one marker, for the newest, and no receipts', async () => {
    const dana = fakeClient(DANA);
    archive(dana, {});
    await link.ready(dana);
    store.open(AMARA, 'chat');
    await tick();
    for (const [i, body] of ['Bed 4', 'Bed 5', 'Bed 6'].entries()) {
      link.stanza(said(body, `m${i}`));
      await tick(200);
    }
    expect(sentKinds(dana, 'displayed')).toHaveLength(0);
    await tick(500);
    expect(sentKinds(dana, 'displayed').map((s) => s.getChild('displayed')!.attrs.id)).toEqual(['m2']);
    expect(sentKinds(dana, 'received')).toHaveLength(0);
    expect(store.conversations.get(AMARA)!.unread).toBe(0);
  });

  it('receipts at once what is not shown, and counts it unread', async () => {
    const dana = fakeClient(DANA);
    await link.ready(dana);
    link.stanza(said('Bed 4', 'm1'));
    link.stanza(said('Bed 5', 'm2'));
    await tick();
    expect(sentKinds(dana, 'received').map((s) => s.getChild('received')!.attrs.id)).toEqual(['m1', 'm2']);
    expect(sentKinds(dana, 'displayed')).toHaveLength(0);
    expect(store.conversations.get(AMARA)!.unread).toBe(2);
  });

  it('sends a room one marker per burst, and the same marker never twice', async () => {
    const dana = fakeClient(DANA);
    archive(dana, {}, WARD);
    await link.ready(dana);
    store.identify((_room, nick) => (nick === 'amara' ? AMARA : ''));
    await store.entered(WARD);
    store.open(WARD, 'groupchat');
    await tick(1500);
    for (const [i, body] of ['one', 'two', 'three'].entries())
      link.stanza(from(`${WARD}/amara`, WARD, { kind: 'text', body }, `g${i}`, 'groupchat'));
    await tick(1500);
    store.open(WARD, 'groupchat');
    await tick(1500);
    expect(
      sentKinds(dana, 'displayed').map((s) => [s.attrs.to, s.attrs.type, s.getChild('displayed')!.attrs.id]),
    ).toEqual([[WARD, 'groupchat', 'g2']]);
  });
});

describe('history', () => {
  it('catches up after a drop page by page, from the newest archive id seen, counting what was missed', async () => {
    const first = fakeClient(DANA);
    archive(first, { 'before:': { ids: ['A1', 'A2'], complete: true } });
    await link.ready(first);
    const again = fakeClient(DANA);
    const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `A${from + i}`);
    const asked = archive(again, {
      'after:A2': { ids: ids(3, 30), complete: false },
      'after:A32': { ids: ids(33, 5), complete: true },
    });
    await link.ready(again);
    expect(asked).toEqual(['after:A2', 'after:A32']);
    const c = store.conversations.get(AMARA)!;
    expect(c.lines.map((l) => l.archiveId)).toEqual(ids(1, 37));
    expect(c.unread).toBe(35);
  });

  it('keeps an archive page whole and in order behind a slow async step', async () => {
    const dana = fakeClient(DANA);
    archive(dana, { 'before:': { ids: ['A1', 'A2', 'A3', 'A4'], complete: true } });
    store.useInbound(async (msg, env) => {
      await new Promise((r) => setTimeout(r, env.archiveId === 'A1' ? 50 : 1));
      return msg;
    });
    let done = false;
    const ready = link.ready(dana).then(() => (done = true));
    for (let i = 0; i < 100 && !done; i++) {
      await settle();
      await tick(10);
    }
    await ready;
    expect(store.conversations.get(AMARA)!.lines.map((l) => l.archiveId)).toEqual(['A1', 'A2', 'A3', 'A4']);
  });

  it('applies a correction that came before its message, and ignores one by someone else', async () => {
    const dana = fakeClient(DANA);
    await link.ready(dana);
    store.identify((_room, nick) => ({ amara: AMARA, mallory: 'mallory@h.example' })[nick] ?? '');
    const edit = (nick: string, body: string) =>
      from(`${WARD}/${nick}`, WARD, { kind: 'correction', replaces: 'g1', body }, crypto.randomUUID(), 'groupchat');
    link.stanza(edit('amara', 'Bed 5, not 4'));
    link.stanza(from(`${WARD}/amara`, WARD, { kind: 'text', body: 'Bed 4' }, 'g1', 'groupchat'));
    link.stanza(edit('mallory', 'Bed 9'));
    link.stanza(edit('stranger', 'Bed 10'));
    await tick();
    expect(store.conversations.get(WARD)!.lines.map((l) => [l.content, l.edited])).toEqual([
      [{ kind: 'text', body: 'Bed 5, not 4' }, true],
    ]);
  });
});

describe('the outbox', () => {
  async function writeOffline(account: string, ...texts: string[]) {
    link.signingIn(account);
    for (const t of texts) {
      await store.send(AMARA, 'chat', t);
      await tick(1);
    }
    await settle();
  }

  it('sends what was written offline once per stream, and again only on a new stream without an ack', async () => {
    await writeOffline(DANA, 'one', 'two');
    expect(store.conversations.get(AMARA)!.lines.map((l) => l.status)).toEqual(['pending', 'pending']);
    const dana = fakeClient(DANA);
    await link.ready(dana);
    link.resumed();
    await settle();
    expect(bodies(dana)).toEqual(['one', 'two']);
    const next = fakeClient(DANA);
    await link.ready(next);
    expect(bodies(next)).toEqual(['one', 'two']);
    next.sent.forEach((s) => link.ack(s));
    await settle();
    expect(store.conversations.get(AMARA)!.lines.map((l) => l.status)).toEqual(['sent', 'sent']);
    expect(await (await openOutbox(DANA)).all()).toEqual([]);
    const last = fakeClient(DANA);
    await link.ready(last);
    expect(bodies(last)).toEqual([]);
  });

  it('does not send silently what waited longer than the setting: Send now or Discard', async () => {
    store.setMaxAge(60_000);
    await writeOffline(DANA, 'stale one', 'stale two');
    vi.setSystemTime(new Date('2026-11-24T10:05:00Z'));
    const dana = fakeClient(DANA);
    await link.ready(dana);
    const c = store.conversations.get(AMARA)!;
    expect(bodies(dana)).toEqual([]);
    expect(c.lines.map((l) => l.status)).toEqual(['unsent', 'unsent']);
    await store.sendNow(AMARA, c.lines[0]!.id);
    expect(bodies(dana)).toEqual(['stale one']);
    await store.discard(AMARA, c.lines.find((l) => l.content.kind === 'text' && l.content.body === 'stale two')!.id);
    await settle();
    expect(c.lines.map((l) => [l.content.kind === 'text' && l.content.body, l.status])).toEqual([
      ['stale one', 'pending'],
    ]);
    expect((await (await openOutbox(DANA)).all()).map((p) => p.content)).toEqual([{ kind: 'text', body: 'stale one' }]);
  });

  it('keeps a message an outbound step holds back pending with the reason, and tries it again', async () => {
    // As the OMEMO step does when a colleague's devices cannot be read yet: it must not go without the step.
    let holding = true;
    store.useOutbound(async (stanza) => {
      if (holding) throw new Error('Waiting to encrypt: the devices could not be read yet.');
      return stanza;
    });
    await writeOffline(DANA, 'Bed 4 potassium 6.8');
    const dana = fakeClient(DANA);
    await link.ready(dana);
    await settle();
    const line = () => store.conversations.get(AMARA)!.lines[0]!;
    expect(bodies(dana)).toEqual([]);
    expect(line()).toMatchObject({ status: 'pending', held: 'Waiting to encrypt: the devices could not be read yet.' });
    expect(await (await openOutbox(DANA)).all()).toHaveLength(1);

    holding = false;
    await tick(15_000);
    await settle();
    expect(bodies(dana)).toEqual(['Bed 4 potassium 6.8']);
    expect(line().held).toBe('');
  });

  it("clears at sign-out, so nothing of Dana's is sent or shown in Priya's session, nor in Dana's next", async () => {
    await writeOffline(DANA, 'Patient in bed 4 is allergic');
    expect(store.unsent()).toBe(1);
    link.logout();
    await settle();
    expect(await (await openOutbox(DANA)).all()).toEqual([]);
    const priya = fakeClient('priya@h.example');
    await link.ready(priya);
    await settle();
    expect(bodies(priya)).toEqual([]);
    expect(store.conversations.size).toBe(0);
    link.logout();
    const dana = fakeClient(DANA);
    await link.ready(dana);
    await settle();
    expect(bodies(dana)).toEqual([]);
    expect(store.conversations.get(AMARA)?.lines ?? []).toEqual([]);
  });

  it("keeps each account's waiting messages to that account", async () => {
    await (
      await openOutbox('priya@h.example')
    ).put({
      id: 'p1',
      owner: 'priya@h.example',
      to: AMARA,
      type: 'chat',
      content: { kind: 'text', body: "Priya's" },
      at: new Date().toISOString(),
    });
    const dana = fakeClient(DANA);
    await link.ready(dana);
    await settle();
    expect(bodies(dana)).toEqual([]);
    expect(store.conversations.get(AMARA)?.lines ?? []).toEqual([]);
  });
});
