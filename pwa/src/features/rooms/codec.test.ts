import {
  NS_CONFERENCE,
  NS_DELAY,
  NS_FORWARD,
  NS_MAM,
  NS_MARKERS,
  NS_MUC,
  NS_MUC_ADMIN,
  NS_MUC_USER,
  NS_SID,
} from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { correctionStanza, displayedStanza, retractionStanza } from '../chat/codec.ts';
import { groupchatStanza, joinPresence, memberIq, parseInvite, parseOccupant, parseRoomEvent } from './codec.ts';

const muc = 'conference.h.example';

describe('rooms codec', () => {
  it('reads our own presence back, with the created status', () => {
    const p = xml(
      'presence',
      { from: `ward@${muc}/Dana` },
      xml(
        'x',
        { xmlns: NS_MUC_USER },
        xml('item', { jid: 'dana@h.example/pwa' }),
        xml('status', { code: '110' }),
        xml('status', { code: '201' }),
      ),
    );
    expect(parseOccupant(p, muc)).toEqual({
      room: `ward@${muc}`,
      nick: 'Dana',
      jid: 'dana@h.example',
      self: true,
      created: true,
      left: false,
      removed: false,
    });
  });

  it('adds one member per IQ (Prosody 0.12 applies only the first item)', () => {
    const items = memberIq(`ward@${muc}`, 'amara@h.example').getChild('query', NS_MUC_ADMIN)!.getChildren('item');
    expect(items.map((i) => i.attrs)).toEqual([{ affiliation: 'member', jid: 'amara@h.example' }]);
  });

  it('accepts invitations only from this hospital to its own rooms', () => {
    const invite = (from: string, room: string) =>
      xml('message', { from }, xml('x', { xmlns: NS_CONFERENCE, jid: room, reason: 'Ward' }));
    expect(parseInvite(invite('dana@h.example/pwa', `ward@${muc}`), 'h.example', muc)).toEqual({
      room: `ward@${muc}`,
      name: 'Ward',
    });
    expect(parseInvite(invite('eve@evil.example', `ward@${muc}`), 'h.example', muc)).toBeUndefined();
    expect(parseInvite(invite('ops.h.example', `dept-icu@${muc}`), 'h.example', muc)).toEqual({
      room: `dept-icu@${muc}`,
      name: 'Ward',
    });
    expect(parseInvite(invite('ops.evil.example', `dept-icu@${muc}`), 'h.example', muc)).toBeUndefined();
    expect(parseInvite(invite('dana@h.example', 'room@conference.evil.example'), 'h.example', muc)).toBeUndefined();
  });

  it('reads live room messages by origin-id, with the room archive id, and ignores other hosts', () => {
    const m = xml(
      'message',
      { type: 'groupchat', from: `ward@${muc}/Amara`, id: 's1' },
      xml('body', {}, 'On my way'),
      xml('stanza-id', { xmlns: NS_SID, by: `ward@${muc}`, id: 'A7' }),
      xml('stanza-id', { xmlns: NS_SID, by: 'mallory@h.example', id: 'forged' }),
    );
    expect(parseRoomEvent(m, muc, () => 'T')).toEqual({
      kind: 'message',
      room: `ward@${muc}`,
      nick: 'Amara',
      from: '',
      queryid: '',
      message: { room: `ward@${muc}`, nick: 'Amara', from: '', id: 's1', body: 'On my way', at: 'T', archiveId: 'A7' },
    });
    expect(parseRoomEvent(m, 'conference.other.example')).toBeUndefined();
  });

  const archived = (from: string, inner: ReturnType<typeof xml>) =>
    xml(
      'message',
      { from },
      xml(
        'result',
        { xmlns: NS_MAM, queryid: 'q1', id: 'A1' },
        xml(
          'forwarded',
          { xmlns: NS_FORWARD },
          xml('delay', { xmlns: NS_DELAY, stamp: '2026-11-20T08:00:00Z' }),
          inner,
        ),
      ),
    );
  const said = (body: string, ...more: ReturnType<typeof xml>[]) =>
    xml(
      'message',
      { type: 'groupchat', from: `ward@${muc}/Amara` },
      xml('body', {}, body),
      xml('x', { xmlns: NS_MUC_USER }, xml('item', { jid: 'amara@h.example' })),
      ...more,
    );

  it('reads the room archive with the real sender, and only when the room itself sends it', () => {
    const ev = parseRoomEvent(
      archived(`ward@${muc}`, said('Bed 4', xml('origin-id', { xmlns: NS_SID, id: 'o1' }))),
      muc,
    );
    expect(ev).toMatchObject({
      kind: 'message',
      queryid: 'q1',
      message: { id: 'o1', from: 'amara@h.example', at: '2026-11-20T08:00:00Z', archiveId: 'A1', body: 'Bed 4' },
    });
    // Forged by a member (a full JID) or by another room for this one: ignored.
    expect(
      parseRoomEvent(archived(`ward@${muc}/Mallory`, said('x', xml('origin-id', { xmlns: NS_SID, id: 'o2' }))), muc),
    ).toBeUndefined();
    expect(
      parseRoomEvent(archived(`other@${muc}`, said('x', xml('origin-id', { xmlns: NS_SID, id: 'o3' }))), muc),
    ).toBeUndefined();
  });

  it('reads corrections, retractions and read markers made by the builders shared with 1:1 chats', () => {
    const fromRoom = (m: ReturnType<typeof xml>) => ((m.attrs.from = `ward@${muc}/Amara`), m);
    expect(
      parseRoomEvent(fromRoom(correctionStanza(`ward@${muc}`, 'Bed 5', 'o1', 'o9', 'groupchat')), muc),
    ).toMatchObject({
      kind: 'correction',
      id: 'o1',
      body: 'Bed 5',
      nick: 'Amara',
    });
    expect(parseRoomEvent(fromRoom(retractionStanza(`ward@${muc}`, 'o1', 'o8', 'groupchat')), muc)).toMatchObject({
      kind: 'retraction',
      id: 'o1',
    });
    expect(parseRoomEvent(fromRoom(displayedStanza(`ward@${muc}`, 'o1', 'groupchat')), muc)).toMatchObject({
      kind: 'displayed',
      id: 'o1',
    });
    // A 1:1 correction is not room traffic.
    expect(parseRoomEvent(fromRoom(correctionStanza(`ward@${muc}`, 'x', 'o1', 'o7')), muc)).toBeUndefined();
  });

  it('joins without history (the archive pages it) and marks messages for read markers', () => {
    expect(joinPresence(`ward@${muc}`, 'Dana').getChild('x', NS_MUC)?.getChild('history')?.attrs.maxstanzas).toBe('0');
    expect(groupchatStanza(`ward@${muc}`, 'hi', 'o1').getChild('markable', NS_MARKERS)).toBeTruthy();
  });
});
