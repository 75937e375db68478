// Profanity (Debian's `profanity`, a terminal XMPP client with OMEMO) against
// Bleep's Prosody, issue #11 part 2: a fresh account signs in over STARTTLS,
// chats both ways with a colleague, and joins a room made as Bleep makes them
// (members-only, non-anonymous) to read and write there; its OMEMO device is
// announced where colleagues can read it (mod_bleep_omemo_pep smooths over
// Profanity's missing first device list). Profanity is a curses
// program driven in tmux (runner/test-profanity.ts). The colleague is an
// @xmpp/client (the runner's test client). OMEMO both ways with the PWA's own
// code: pwa/src/features/omemo/profanity.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './runner/index.ts';
import { exchange, login, xml, type Client, type XmlElement } from './runner/test-client.ts';
import { startProfanity, type Profanity } from './runner/test-profanity.ts';

const PROFANITY = { user: 'prof-user', password: 'prof-password-1' };
const DANA = { user: 'dispatcher', password: 'dispatcher-password-1' };

let prosody: RunningProsody;
let dana: Client;
let prof: Profanity;
const got: XmlElement[] = [];

const received = (check: (el: XmlElement) => boolean, what: string) => prof.until(what, () => got.find(check));

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [PROFANITY, DANA] });
  dana = await login(prosody.settings, DANA);
  dana.on('stanza', ((el: XmlElement) => void got.push(el)) as never);
  await dana.send(xml('presence'));
  prof = await startProfanity();
}, 60_000);

afterAll(async () => {
  prof?.stop();
  await dana?.stop().catch(() => {});
  await prosody?.stop();
});

describe('Profanity against Bleep’s Prosody', () => {
  const jid = () => `${PROFANITY.user}@${prosody.settings.domain}`;
  const danaJid = () => `${DANA.user}@${prosody.settings.domain}`;

  it('signs in with a fresh account over STARTTLS (the test certificate trusted explicitly)', async () => {
    await prof.signIn(jid(), PROFANITY.password, prosody.settings.ports.c2s);
  }, 60_000);

  it('chats both ways with a colleague', async () => {
    prof.type(`/msg ${danaJid()} Bed 4 from Profanity`);
    const m = await received(
      (el) => el.name === 'message' && el.getChildText('body') === 'Bed 4 from Profanity',
      'the chat message',
    );
    expect(m.attrs.from).toMatch(new RegExp(`^${jid()}/`));
    await dana.send(xml('message', { type: 'chat', to: jid() }, xml('body', {}, 'Seen, on my way')));
    await prof.shown('Seen, on my way');
  }, 60_000);

  it('joins a members-only, non-anonymous room as a member, and reads and writes there', async () => {
    const room = `ward-profanity@${prosody.settings.mucHost}`;
    await dana.send(xml('presence', { to: `${room}/dana` }, xml('x', { xmlns: 'http://jabber.org/protocol/muc' })));
    await received((el) => el.name === 'presence' && el.attrs.from === `${room}/dana`, 'the room');
    const form = xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      ...Object.entries({
        FORM_TYPE: 'http://jabber.org/protocol/muc#roomconfig',
        'muc#roomconfig_membersonly': '1',
        'muc#roomconfig_whois': 'anyone',
        'muc#roomconfig_persistentroom': '1',
      }).map(([v, value]) => xml('field', { var: v }, xml('value', {}, value))),
    );
    const member = xml('item', { affiliation: 'member', jid: jid() });
    for (const iq of [
      xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#owner' }, form)),
      xml('iq', { type: 'set', to: room }, xml('query', { xmlns: 'http://jabber.org/protocol/muc#admin' }, member)),
    ])
      expect((await exchange(dana, iq)).attrs.type).toBe('result');

    prof.type(`/join ${room} nick prof`);
    await received(
      (el) => el.name === 'presence' && el.attrs.from === `${room}/prof` && !el.attrs.type,
      'Profanity in the room',
    );
    prof.type('Bed 9 ventilator from Profanity');
    const m = await received(
      (el) => el.attrs.type === 'groupchat' && el.getChildText('body') === 'Bed 9 ventilator from Profanity',
      'the room message',
    );
    expect(m.attrs.from).toBe(`${room}/prof`);
    await dana.send(xml('message', { type: 'groupchat', to: room }, xml('body', {}, 'Spare ventilator is in bay 2')));
    await prof.shown('Spare ventilator is in bay 2');
  }, 60_000);

  it('makes its OMEMO keys and announces its device where colleagues can read it', async () => {
    prof.type('/omemo gen');
    const node = 'eu.siacs.conversations.axolotl.devicelist';
    const list = () =>
      exchange(
        dana,
        xml(
          'iq',
          { type: 'get', to: jid() },
          xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node })),
        ),
      );
    const end = Date.now() + 30_000;
    let answer = await list();
    while (answer.attrs.type !== 'result' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 250));
      answer = await list();
    }
    const devices = answer
      .getChild('pubsub')
      ?.getChild('items')
      ?.getChild('item')
      ?.getChild('list', 'eu.siacs.conversations.axolotl');
    expect(devices?.getChildren('device').length, prof.screen()).toBe(1);
  }, 60_000);
});
