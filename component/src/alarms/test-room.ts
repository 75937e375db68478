// Incident rooms as test clients find them, for the alarm integration tests.
import { NS_DISCO_INFO, NS_MUC_USER } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { expect } from 'vitest';
import { exchange, nextStanza, xml } from '../test-support.ts';

const nick = (cl: Client) => cl.jid!.toString().split('@')[0]!;

/** Enters the room; resolves with Prosody's answer (our own presence, or an error). */
export function enterRoom(cl: Client, room: string): Promise<XmlElement> {
  const answer = nextStanza(cl, (el) => el.name === 'presence' && el.attrs.from === `${room}/${nick(cl)}`);
  void cl.send(xml('presence', { to: `${room}/${nick(cl)}` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  return answer;
}

/**
 * A raised Code Blue's room at `place`: `member` gets in; it is named and configured as every incident room
 * (members-only, persistent, non-anonymous, hidden); `outsider`, no member, is turned away.
 */
export async function checkIncidentRoom(member: Client, outsider: Client, room: string, place: string): Promise<void> {
  const inside = await enterRoom(member, room);
  expect(inside.attrs.type).toBeUndefined();
  expect(
    inside
      .getChild('x', NS_MUC_USER)!
      .getChildren('status')
      .map((s) => s.attrs.code),
  ).toContain('110');
  const info = (
    await exchange(outsider, xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS_DISCO_INFO })))
  ).getChild('query', NS_DISCO_INFO)!;
  expect(info.getChildren('feature').map((f) => f.attrs.var)).toEqual(
    expect.arrayContaining(['muc_membersonly', 'muc_persistent', 'muc_nonanonymous', 'muc_hidden']),
  );
  expect(info.getChild('identity')!.attrs.name).toMatch(new RegExp(`^Code Blue · ${place} · \\d\\d:\\d\\d$`));
  expect((await enterRoom(outsider, room)).attrs.type).toBe('error');
}
