// Room identity with a fake client: the nick is the account's own name, a
// nick conflict (XEP-0045 409) is answered with another nick, not taken for
// "no longer a member", only the real JID makes a message mine, and a room
// renamed (a department's) shows and keeps its new name.
import 'fake-indexeddb/auto';
import { NS_BOOKMARKS, NS_DISCO_INFO, NS_MUC_USER, NS_PUBSUB, NS_STANZAS } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, link, type FakeClient } from '../messages/fake-connection.ts';
import { useMessages } from '../messages/index.ts';
import { useRooms } from './rooms.store.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('../messages/fake-connection.ts'));

const WARD = 'ward@conference.h.example';
const joins = (c: FakeClient) =>
  c.sent.filter((s) => s.name === 'presence' && s.attrs.to?.startsWith(WARD)).map((s) => s.attrs.to);
const flush = () => new Promise((r) => setTimeout(r, 0));

function presence(nick: string, jid: string, self = false): XmlElement {
  return xml(
    'presence',
    { from: `${WARD}/${nick}` },
    xml(
      'x',
      { xmlns: NS_MUC_USER },
      xml('item', { jid: `${jid}/pwa`, role: 'participant' }),
      self ? xml('status', { code: '110' }) : undefined,
    ),
  );
}
const refusal = (nick: string, condition: string) =>
  xml(
    'presence',
    { from: `${WARD}/${nick}`, type: 'error' },
    xml('error', { type: 'cancel' }, xml(condition, { xmlns: NS_STANZAS })),
  );

/** Signs `account` in with the ward room in its bookmarks. */
async function signIn(account: string): Promise<FakeClient> {
  const c = fakeClient(account);
  c.answer = (iq) =>
    iq.getChild('pubsub', NS_PUBSUB)?.getChild('items')
      ? xml(
          'iq',
          { type: 'result' },
          xml(
            'pubsub',
            { xmlns: NS_PUBSUB },
            xml(
              'items',
              {},
              xml(
                'item',
                { id: WARD },
                xml('conference', { xmlns: 'urn:xmpp:bookmarks:1', name: 'Ward', autojoin: 'true' }),
              ),
            ),
          ),
        )
      : xml('iq', { type: 'result' });
  await link.ready(c);
  return c;
}

beforeEach(() => {
  link.reset();
  setActivePinia(createPinia());
});

describe('room identity', () => {
  it("joins under the account's own name, not the display name", async () => {
    useRooms();
    const sam = await signIn('sam.lee@h.example');
    expect(joins(sam)).toEqual([`${WARD}/sam.lee`]);
  });

  it('answers a nick conflict (409) with the next nick and gets in, without calling it a lost membership', async () => {
    const rooms = useRooms();
    const sam = await signIn('sam@h.example');
    link.stanza(refusal('sam', 'conflict'));
    expect(joins(sam)).toEqual([`${WARD}/sam`, `${WARD}/sam-2`]);
    link.stanza(presence('sam-2', 'sam@h.example', true));
    expect(rooms.rooms.get(WARD)).toMatchObject({ joined: true, problem: '' });
  });

  it('says when the room no longer has the user as a member', async () => {
    const rooms = useRooms();
    await signIn('sam@h.example');
    link.stanza(refusal('sam', 'registration-required'));
    expect(rooms.rooms.get(WARD)).toMatchObject({ joined: false, problem: expect.stringMatching(/not a member/) });
  });

  it('knows what is mine by the real JID: a namesake under a look-alike nick is someone else', async () => {
    useRooms();
    const messages = useMessages();
    await signIn('sam@h.example');
    link.stanza(presence('sam', 'sam@h.example', true));
    link.stanza(presence('Sam', 'sam.lee@h.example'));
    const say = (nick: string, id: string) =>
      xml('message', { type: 'groupchat', from: `${WARD}/${nick}`, id }, xml('body', {}, `from ${nick}`));
    link.stanza(say('Sam', 'm1'));
    link.stanza(say('sam', 'm2'));
    await flush();
    expect(messages.conversations.get(WARD)!.lines.map((l) => [l.from, l.mine])).toEqual([
      ['sam.lee@h.example', false],
      ['sam@h.example', true],
    ]);
  });

  it('takes the name the room says it has when it says its configuration changed, and bookmarks it', async () => {
    useRooms();
    const messages = useMessages();
    const sam = await signIn('sam@h.example');
    let name = 'Ward';
    const published: string[] = [];
    const answer = sam.answer;
    sam.answer = (iq) => {
      if (iq.getChild('query', NS_DISCO_INFO))
        return xml(
          'iq',
          { type: 'result', from: WARD },
          xml('query', { xmlns: NS_DISCO_INFO }, xml('identity', { category: 'conference', type: 'text', name })),
        );
      const item = iq.getChild('pubsub', NS_PUBSUB)?.getChild('publish')?.getChild('item');
      if (item) published.push(`${item.attrs.id} ${item.getChild('conference', NS_BOOKMARKS)?.attrs.name}`);
      return answer(iq);
    };
    link.stanza(presence('sam', 'sam@h.example', true));
    await flush();
    expect(messages.conversations.get(WARD)!.name).toBe('Ward');
    expect(published).toEqual([]);
    // XEP-0045 §10.2.1: the room's configuration changed (an admin renamed the department).
    name = 'Ward 3 (Cardiology)';
    link.stanza(
      xml(
        'message',
        { type: 'groupchat', from: WARD },
        xml('x', { xmlns: NS_MUC_USER }, xml('status', { code: '104' })),
      ),
    );
    await vi.waitFor(() => expect(messages.conversations.get(WARD)!.name).toBe('Ward 3 (Cardiology)'));
    await vi.waitFor(() => expect(published).toEqual([`${WARD} Ward 3 (Cardiology)`]));
  });

  it("knows the user's rooms only once the stream has read them, so a room page can tell an address that is none", async () => {
    const rooms = useRooms();
    expect(rooms.listed).toBe(false);
    await signIn('sam@h.example');
    expect(rooms.listed).toBe(true);
    expect([...rooms.rooms.keys()]).toEqual([WARD]);
    link.logout();
    expect(rooms.listed).toBe(false);
  });
});
