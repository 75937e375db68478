import { NS_CONFERENCE, NS_DISCO_INFO, NS_MUC, NS_MUC_ADMIN, NS_MUC_USER, NS_STANZAS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import {
  joinPresence,
  memberIq,
  parseConfigChange,
  parseInvite,
  parseJoinError,
  parseOccupant,
  parseRoomName,
  parseRoomPrivacy,
} from './codec.ts';
import { encryptable, notEncryptedBecause } from './privacy.ts';

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
      visitor: false,
    });
  });

  it('reads that the room made us a visitor: we may read it, not write in it', () => {
    const p = xml(
      'presence',
      { from: `ward@${muc}/Dana` },
      xml(
        'x',
        { xmlns: NS_MUC_USER },
        xml('item', { jid: 'dana@h.example/pwa', affiliation: 'member', role: 'visitor' }),
        xml('status', { code: '110' }),
      ),
    );
    expect(parseOccupant(p, muc)).toMatchObject({ self: true, visitor: true });
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

  it('takes a mediated invitation (XEP-0045 §7.8.2) from one of our rooms only', () => {
    const mediated = (from: string) =>
      xml(
        'message',
        { from },
        xml(
          'x',
          { xmlns: NS_MUC_USER },
          xml('invite', { from: 'ops.h.example' }, xml('reason', {}, 'Code Blue · ICU · 10:42')),
        ),
      );
    expect(parseInvite(mediated(`alarm-k3@${muc}`), 'h.example', muc)).toEqual({
      room: `alarm-k3@${muc}`,
      name: 'Code Blue · ICU · 10:42',
    });
    expect(parseInvite(mediated('alarm-k3@conference.evil.example'), 'h.example', muc)).toBeUndefined();
  });

  it('joins without history (the archive pages it)', () => {
    expect(joinPresence(`ward@${muc}`, 'Dana').getChild('x', NS_MUC)?.getChild('history')?.attrs.maxstanzas).toBe('0');
  });

  it('tells a nick conflict (409) from a refusal to a non-member', () => {
    const refusal = (condition: string) =>
      xml(
        'presence',
        { from: `ward@${muc}/nurse`, type: 'error' },
        xml('error', { type: 'cancel' }, xml(condition, { xmlns: NS_STANZAS })),
      );
    expect(parseJoinError(refusal('conflict'), muc)).toEqual({ room: `ward@${muc}`, condition: 'conflict' });
    expect(parseJoinError(refusal('registration-required'), muc)?.condition).toBe('registration-required');
    expect(parseJoinError(refusal('conflict'), 'conference.other.example')).toBeUndefined();
  });

  it('tells a room that can be encrypted from one that is open or semi-anonymous, and says why', () => {
    const info = (...vars: string[]) =>
      xml(
        'iq',
        { type: 'result' },
        xml('query', { xmlns: NS_DISCO_INFO }, ...vars.map((v) => xml('feature', { var: v }))),
      );
    const ward = parseRoomPrivacy(info('muc_membersonly', 'muc_nonanonymous', 'muc_persistent'));
    expect(encryptable(ward)).toBe(true);
    expect(notEncryptedBecause(ward)).toBe('');
    const open = parseRoomPrivacy(info('muc_open', 'muc_nonanonymous'));
    expect(encryptable(open)).toBe(false);
    expect(notEncryptedBecause(open)).toMatch(/^Not encrypted: this room is open to anyone/);
    const semi = parseRoomPrivacy(info('muc_membersonly', 'muc_semianonymous'));
    expect(encryptable(semi)).toBe(false);
    expect(notEncryptedBecause(semi)).toMatch(/^Not encrypted: this room hides its members’ addresses/);
  });

  it('reads the room’s name from its disco#info identity', () => {
    const info = (...identities: Record<string, string>[]) =>
      xml(
        'iq',
        { type: 'result' },
        xml('query', { xmlns: NS_DISCO_INFO }, ...identities.map((a) => xml('identity', a))),
      );
    expect(parseRoomName(info({ category: 'conference', type: 'text', name: 'Ward 3 (Cardiology)' }))).toBe(
      'Ward 3 (Cardiology)',
    );
    expect(parseRoomName(info({ category: 'conference', type: 'text' }))).toBe('');
    expect(parseRoomName(info({ category: 'client', type: 'pc', name: 'Not a room' }))).toBe('');
  });

  it('notices when the room says its configuration or its anonymity changed', () => {
    const change = (from: string, code: string) =>
      xml('message', { from, type: 'groupchat' }, xml('x', { xmlns: NS_MUC_USER }, xml('status', { code })));
    expect(parseConfigChange(change(`ward@${muc}`, '104'), muc)).toBe(`ward@${muc}`);
    expect(parseConfigChange(change(`ward@${muc}`, '172'), muc)).toBe(`ward@${muc}`);
    expect(parseConfigChange(change(`ward@${muc}`, '173'), muc)).toBe(`ward@${muc}`);
    // An occupant cannot fake it, nor can another server's room, and other codes are not a change.
    expect(parseConfigChange(change(`ward@${muc}/Dana`, '104'), muc)).toBeUndefined();
    expect(parseConfigChange(change('ward@conference.elsewhere.example', '104'), muc)).toBeUndefined();
    expect(parseConfigChange(change(`ward@${muc}`, '110'), muc)).toBeUndefined();
  });
});
