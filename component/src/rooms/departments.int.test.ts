// Department rooms on a real Prosody: the component makes one members-only
// room per department, invites staff who come online to theirs, and people of
// other departments cannot join it.
import { NS_CONFERENCE } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { nextStanza, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let nurse: Client;
let dispatcher: Client;

beforeAll(async () => {
  h = await startHarness();
  nurse = await h.login('nurse');
  dispatcher = await h.login('dispatcher');
});
afterAll(() => h?.stop());

const joinResult = (c: Client, room: string) => {
  const answer = nextStanza(c, (el) => el.name === 'presence' && (el.attrs.from ?? '').startsWith(room));
  void c.send(xml('presence', { to: `${room}/tester` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  return answer;
};

it("invites a staff member who comes online to their department's room, and lets them in", async () => {
  const invitation = nextStanza(nurse, (el: XmlElement) => !!el.getChild('x', NS_CONFERENCE));
  await nurse.send(xml('presence', { to: h.prosody.settings.opsHost }));
  const x = (await invitation).getChild('x', NS_CONFERENCE)!;
  expect(x.attrs).toMatchObject({ jid: `dept-emergency@${h.prosody.settings.mucHost}`, reason: 'Emergency' });
  const joined = await joinResult(nurse, x.attrs.jid!);
  expect(joined.attrs.type).toBeUndefined(); // available: in the room
});

it('keeps staff of other departments out of it', async () => {
  const refused = await joinResult(dispatcher, `dept-emergency@${h.prosody.settings.mucHost}`);
  expect(refused.attrs.type).toBe('error');
  expect(
    refused.getChild('error')?.getChild('registration-required', 'urn:ietf:params:xml:ns:xmpp-stanzas'),
  ).toBeDefined();
});
