import { NS_CARBONS, NS_FORWARD, NS_MAM, NS_MARKERS, NS_RECEIPTS, NS_SID } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { chatStanza, parseChat } from './codec.ts';

const me = 'dana@h.example';
const now = () => '2026-11-24T10:00:00.000Z';
const fromPriya = (attrs: Record<string, string> = {}) =>
  xml(
    'message',
    { type: 'chat', from: 'priya@h.example/phone', to: `${me}/pwa`, id: 'x1', ...attrs },
    xml('body', {}, 'Bed 4 is stable'),
    xml('request', { xmlns: NS_RECEIPTS }),
    xml('origin-id', { xmlns: NS_SID, id: 'o1' }),
  );

describe('chat codec', () => {
  it('reads an incoming message by its origin-id and asks for a receipt', () => {
    expect(parseChat(fromPriya(), me, now)).toEqual({
      kind: 'message',
      receiptWanted: true,
      queryid: '',
      message: {
        id: 'o1',
        peer: 'priya@h.example',
        direction: 'in',
        body: 'Bed 4 is stable',
        at: now(),
        archiveId: '',
      },
    });
  });

  it('reads receipts and read markers', () => {
    const receipt = xml(
      'message',
      { from: 'priya@h.example/phone' },
      xml('received', { xmlns: NS_RECEIPTS, id: 'o9' }),
    );
    expect(parseChat(receipt, me)).toEqual({ kind: 'receipt', peer: 'priya@h.example', id: 'o9' });
    const shown = xml('message', { from: 'priya@h.example/phone' }, xml('displayed', { xmlns: NS_MARKERS, id: 'o9' }));
    expect(parseChat(shown, me)).toEqual({ kind: 'displayed', peer: 'priya@h.example', id: 'o9' });
  });

  it('takes a sent carbon from my own account as an outgoing message', () => {
    const carbon = xml(
      'message',
      { from: me, to: `${me}/pwa` },
      xml(
        'sent',
        { xmlns: NS_CARBONS },
        xml('forwarded', { xmlns: NS_FORWARD }, chatStanza('priya@h.example', 'On my way', 'o2')),
      ),
    );
    const ev = parseChat(carbon, me, now);
    expect(ev).toMatchObject({ kind: 'message', message: { id: 'o2', peer: 'priya@h.example', direction: 'out' } });
  });

  it('ignores a carbon or an archive result forged by someone else', () => {
    const forged = xml(
      'message',
      { from: 'mallory@h.example/x', to: `${me}/pwa` },
      xml('received', { xmlns: NS_CARBONS }, xml('forwarded', { xmlns: NS_FORWARD }, fromPriya())),
    );
    expect(parseChat(forged, me)).toBeUndefined();
    const fakeArchive = xml(
      'message',
      { from: 'mallory@h.example' },
      xml('result', { xmlns: NS_MAM, id: 'a1' }, xml('forwarded', { xmlns: NS_FORWARD }, fromPriya())),
    );
    expect(parseChat(fakeArchive, me)).toBeUndefined();
  });

  it('reads an archived message with its archive id and time, without asking for a receipt', () => {
    const archived = xml(
      'message',
      { to: `${me}/pwa` },
      xml(
        'result',
        { xmlns: NS_MAM, id: 'a7', queryid: 'q1' },
        xml(
          'forwarded',
          { xmlns: NS_FORWARD },
          xml('delay', { xmlns: 'urn:xmpp:delay', stamp: '2026-11-23T08:00:00Z' }),
          fromPriya(),
        ),
      ),
    );
    expect(parseChat(archived, me)).toMatchObject({
      receiptWanted: false,
      queryid: 'q1',
      message: { archiveId: 'a7', at: '2026-11-23T08:00:00Z', direction: 'in' },
    });
  });

  it("keeps a live message's id in my archive (for catching up), never one claimed by someone else", () => {
    const live = fromPriya();
    live.children.push(
      xml('stanza-id', { xmlns: NS_SID, by: 'priya@h.example', id: 'forged' }),
      xml('stanza-id', { xmlns: NS_SID, by: me, id: 'mine-42' }),
    );
    expect(parseChat(live, me)).toMatchObject({ queryid: '', message: { archiveId: 'mine-42' } });
  });

  it('ignores errors, groupchat and empty bodies', () => {
    expect(parseChat(fromPriya({ type: 'error' }), me)).toBeUndefined();
    expect(parseChat(fromPriya({ type: 'groupchat' }), me)).toBeUndefined();
    expect(parseChat(xml('message', { from: 'priya@h.example', id: 'e' }, xml('body', {}, '')), me)).toBeUndefined();
  });
});

describe('corrections, retractions and chat states', () => {
  it('reads a correction and a retraction with their direction, and typing', async () => {
    const { correctionStanza, retractionStanza, chatStateStanza } = await import('./codec.ts');
    const asFrom = (el: ReturnType<typeof xml>) =>
      Object.assign(el, { attrs: { ...el.attrs, from: 'priya@h.example/p' } });
    expect(parseChat(asFrom(correctionStanza(me, 'Bed 6', 'o1', 'o2')), me)).toEqual({
      kind: 'correction',
      peer: 'priya@h.example',
      direction: 'in',
      id: 'o1',
      body: 'Bed 6',
    });
    expect(parseChat(asFrom(retractionStanza(me, 'o1', 'o3')), me)).toEqual({
      kind: 'retraction',
      peer: 'priya@h.example',
      direction: 'in',
      id: 'o1',
    });
    expect(parseChat(asFrom(chatStateStanza(me, 'composing')), me)).toEqual({
      kind: 'chatstate',
      peer: 'priya@h.example',
      state: 'composing',
    });
  });
});
