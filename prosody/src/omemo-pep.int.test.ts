// OMEMO nodes in PEP on the Debian Prosody 0.12.3 with Bleep's module
// (modules/mod_bleep_omemo_pep.lua). Without it, a colleague who is not a
// contact asking for a device list that was never published is refused
// (forbidden: PEP's default access model is presence), which a client cannot
// tell from "not allowed to read their keys"; Bleep then holds the message
// (issue #11). XEP-0384 asks for open OMEMO nodes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestProsody, type RunningProsody } from './runner/index.ts';
import { exchange, login, nextStanza, xml, type Client, type XmlElement } from './runner/test-client.ts';

const DEVICES = 'eu.siacs.conversations.axolotl.devicelist';
const NS_OMEMO = 'eu.siacs.conversations.axolotl';
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const dana = { user: 'dana', password: 'dana-password-1' };
const paul = { user: 'paul', password: 'paul-password-1' };
const priya = { user: 'priya', password: 'priya-password-1' };
const omar = { user: 'omar', password: 'omar-password-1' };
let prosody: RunningProsody;
let clients: Record<'dana' | 'paul' | 'priya' | 'omar', Client>;
let domain = '';

const itemsOf = (to: string, node: string) =>
  xml('iq', { type: 'get', to }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node })));
const NS_STANZAS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
/** The error condition of an answer, of the two these tests expect ('' for a result). */
const conditionName = (r: XmlElement) =>
  ['item-not-found', 'forbidden'].find((c) => r.getChild('error')?.getChild(c, NS_STANZAS)) ?? '';

/** A publish, with publish-options only when an access model is given. */
function publish(node: string, item: XmlElement, access?: string): XmlElement {
  const options = access
    ? [
        xml(
          'publish-options',
          {},
          xml(
            'x',
            { xmlns: 'jabber:x:data', type: 'submit' },
            xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, `${NS_PUBSUB}#publish-options`)),
            xml('field', { var: 'pubsub#access_model' }, xml('value', {}, access)),
          ),
        ),
      ]
    : [];
  return xml(
    'iq',
    { type: 'set' },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node }, xml('item', { id: 'current' }, item)), ...options),
  );
}

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: [dana, paul, priya, omar] });
  domain = prosody.settings.domain;
  const [d, pa, pr, o] = await Promise.all([dana, paul, priya, omar].map((a) => login(prosody.settings, a)));
  clients = { dana: d!, paul: pa!, priya: pr!, omar: o! };
});

afterAll(async () => {
  await Promise.all(Object.values(clients ?? {}).map((c) => c.stop().catch(() => {})));
  await prosody?.stop();
});

describe('OMEMO nodes in PEP', () => {
  it('answers a non-contact asking for a device list never published with item-not-found', async () => {
    const r = await exchange(clients.dana, itemsOf(`paul@${domain}`, DEVICES));
    expect(conditionName(r)).toBe('item-not-found');
  });

  it('answers the owner asking for its own device list never published with an empty list, others still item-not-found', async () => {
    // Profanity 0.13 publishes its device list only when asking for its own one succeeds.
    for (const to of [`omar@${domain}`, undefined]) {
      const iq = itemsOf(`omar@${domain}`, DEVICES);
      if (!to) delete iq.attrs.to;
      const r = await exchange(clients.omar, iq);
      expect(r.attrs.type).toBe('result');
      const items = r.getChild('pubsub', NS_PUBSUB)?.getChild('items');
      expect(items?.attrs.node).toBe(DEVICES);
      expect(items?.getChildren('item')).toEqual([]);
    }
    expect(conditionName(await exchange(clients.dana, itemsOf(`omar@${domain}`, DEVICES)))).toBe('item-not-found');
  });

  it('lets a non-contact read a device list and a bundle published without publish-options', async () => {
    // As Profanity 0.13 publishes its bundle: no access model asked for.
    const list = xml('list', { xmlns: NS_OMEMO }, xml('device', { id: '7' }));
    expect((await exchange(clients.paul, publish(DEVICES, list))).attrs.type).toBe('result');
    const bundle = xml('bundle', { xmlns: NS_OMEMO }, xml('identityKey', {}, 'AAAA'));
    expect((await exchange(clients.paul, publish(`${NS_OMEMO}.bundles:7`, bundle))).attrs.type).toBe('result');

    const devices = await exchange(clients.dana, itemsOf(`paul@${domain}`, DEVICES));
    expect(devices.attrs.type).toBe('result');
    expect(String(devices)).toContain(`id="7"`);
    const read = await exchange(clients.dana, itemsOf(`paul@${domain}`, `${NS_OMEMO}.bundles:7`));
    expect(read.attrs.type).toBe('result');
    expect(String(read)).toContain('AAAA');
  });

  it('tells a non-contact who read a device list of its next change, as PEP tells a contact (Gajim, Dino)', async () => {
    // modules/mod_bleep_omemo_notify.lua: Dana read Paul's list above; Omar never did. Both are online, neither
    // is Paul's contact, so Prosody's PEP alone tells neither of them.
    const NS_EVENT = `${NS_PUBSUB}#event`;
    const changed = (el: XmlElement) => el.name === 'message' && !!el.getChild('event', NS_EVENT);
    // Online (a headline goes only to available sessions); the answer to an IQ after it says the server has it.
    const ping = () => xml('iq', { type: 'get', to: domain }, xml('ping', { xmlns: 'urn:xmpp:ping' }));
    for (const c of [clients.dana, clients.omar]) {
      await c.send(xml('presence'));
      await exchange(c, ping());
    }
    const told = nextStanza(clients.dana, changed);
    const omarTold = Promise.race([
      nextStanza(clients.omar, changed).then(() => true),
      new Promise<boolean>((r) => setTimeout(() => r(false), 1500)),
    ]);
    const list = xml('list', { xmlns: NS_OMEMO }, xml('device', { id: '7' }), xml('device', { id: '8' }));
    expect((await exchange(clients.paul, publish(DEVICES, list))).attrs.type).toBe('result');
    const event = await told;
    expect(event.attrs.from).toBe(`paul@${domain}`);
    expect(event.attrs.type).toBe('headline');
    const items = event.getChild('event', NS_EVENT)!.getChild('items')!;
    expect(items.attrs.node).toBe(DEVICES);
    expect(String(items)).toContain('id="8"');
    expect(await omarTold).toBe(false);
  });

  it('keeps the access model an owner chose: a list for contacts only stays refused to others', async () => {
    const list = xml('list', { xmlns: NS_OMEMO }, xml('device', { id: '9' }));
    expect((await exchange(clients.priya, publish(DEVICES, list, 'presence'))).attrs.type).toBe('result');
    const r = await exchange(clients.dana, itemsOf(`priya@${domain}`, DEVICES));
    expect(conditionName(r)).toBe('forbidden');
  });

  it('leaves other PEP nodes at the default access model (contacts only)', async () => {
    const r = await exchange(clients.dana, itemsOf(`paul@${domain}`, 'urn:xmpp:avatar:metadata'));
    expect(conditionName(r)).toBe('forbidden');
  });
});
