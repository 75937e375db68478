// mod_bleep_muc_multi_invite: several <invite/> in one stanza are for the ops component's alarms alone. A
// person's stanza with many would count once against any rate limit and make the room send them all, so it is
// refused with the reason. (The component's alarm to every responder: component/src/alarms/alarm.int.test.ts.)
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './runner/index.ts';
import { login, nextStanza, xml, type Client, type XmlElement } from './runner/test-client.ts';

const NS_MUC_USER = 'http://jabber.org/protocol/muc#user';
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const people = ['alice', 'bob', 'carol'].map((user) => ({ user, password: `${user}-password-1` }));
let prosody: RunningProsody;
const clients: Client[] = [];

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: people });
  for (const p of people) clients.push(await login(prosody.settings, p));
  // Available, so that a message to the bare JID reaches the session rather than offline storage.
  for (const c of clients) await c.send(xml('presence'));
});
afterAll(async () => {
  for (const c of clients) await c.stop();
  await prosody?.stop();
});

const bare = (user: string) => `${user}@${prosody.settings.domain}`;
const invitation = (room: string, reason: string, ...to: string[]) =>
  xml(
    'message',
    { to: room },
    xml('x', { xmlns: NS_MUC_USER }, ...to.map((jid) => xml('invite', { to: jid }, xml('reason', {}, reason)))),
  );
const isInvite = (el: XmlElement) => el.name === 'message' && !!el.getChild('x', NS_MUC_USER)?.getChild('invite');

it("refuses a user's invitation of several people in one stanza, saying why; one at a time still goes", async () => {
  const [alice, bob, carol] = clients as [Client, Client, Client];
  const room = `ward-7-handover@${prosody.settings.mucHost}`;
  const joined = nextStanza(alice, (el) => el.name === 'presence' && !!el.attrs.from?.startsWith(room));
  await alice.send(xml('presence', { to: `${room}/alice` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
  expect((await joined).attrs.type).toBeUndefined();

  const bobsFirst = nextStanza(bob, isInvite);
  const carolsFirst = nextStanza(carol, isInvite);
  const refused = nextStanza(alice, (el) => el.name === 'message' && el.attrs.type === 'error');
  await alice.send(invitation(room, 'many', bare('bob'), bare('carol')));
  // Without the rule, bob's invitation comes and no refusal ever does.
  const answer = await Promise.race([refused, bobsFirst]);
  expect(answer.attrs.type).toBe('error');
  const error = answer.getChild('error')!;
  expect(error.getChild('policy-violation', NS_STANZAS)).toBeDefined();
  expect(error.getChildText('text', NS_STANZAS)).toMatch(/Invite one person per message/);

  // The refused stanza reached nobody: each one's first invitation is the single one sent after it.
  await alice.send(invitation(room, 'one', bare('bob')));
  await alice.send(invitation(room, 'one', bare('carol')));
  for (const first of [bobsFirst, carolsFirst])
    expect((await first).getChild('x', NS_MUC_USER)!.getChild('invite')!.getChildText('reason')).toBe('one');
});
