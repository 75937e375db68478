// Golden stanzas out: every message the app sends comes from messageStanza,
// and reads back (as the other side's app reads it) as the content it was made from.
import { describe, expect, it } from 'vitest';
import type { MessageContent, Target } from './content.ts';
import { unwrap, read, type InboundContext } from './inbound.ts';
import { createOutbound, messageStanza } from './outbound.ts';

const priya: Target = { jid: 'priya@h.example', type: 'chat' };
const ward: Target = { jid: 'ward@conference.h.example', type: 'groupchat' };

describe('the one builder', () => {
  it('builds a 1:1 message: receipt asked, markable, active again, with its origin-id', () => {
    expect(messageStanza(priya, { kind: 'text', body: 'Bed 4' }, 'o1').toString()).toBe(
      '<message type="chat" to="priya@h.example" id="o1"><body>Bed 4</body>' +
        '<request xmlns="urn:xmpp:receipts"/><markable xmlns="urn:xmpp:chat-markers:0"/>' +
        '<active xmlns="http://jabber.org/protocol/chatstates"/><origin-id xmlns="urn:xmpp:sid:0" id="o1"/></message>',
    );
  });

  it('builds a room message without receipts (XEP-0184 §5.3), markable', () => {
    expect(messageStanza(ward, { kind: 'text', body: 'Bed 4' }, 'g1').toString()).toBe(
      '<message type="groupchat" to="ward@conference.h.example" id="g1"><body>Bed 4</body>' +
        '<markable xmlns="urn:xmpp:chat-markers:0"/><origin-id xmlns="urn:xmpp:sid:0" id="g1"/></message>',
    );
  });

  it('builds corrections, retractions, receipts, markers and chat states', () => {
    const built = (to: Target, c: MessageContent, id?: string) => messageStanza(to, c, id).toString();
    expect(built(ward, { kind: 'correction', replaces: 'g1', body: 'Bed 5' }, 'c1')).toBe(
      '<message type="groupchat" to="ward@conference.h.example" id="c1"><body>Bed 5</body>' +
        '<replace xmlns="urn:xmpp:message-correct:0" id="g1"/><origin-id xmlns="urn:xmpp:sid:0" id="c1"/></message>',
    );
    expect(built(priya, { kind: 'retraction', retracts: 'o1' }, 'r1')).toBe(
      '<message type="chat" to="priya@h.example" id="r1"><retract xmlns="urn:xmpp:message-retract:1" id="o1"/>' +
        '<fallback xmlns="urn:xmpp:fallback:0" for="urn:xmpp:message-retract:1"/>' +
        '<body>This person retracted a previous message, but your app does not show retractions.</body>' +
        '<store xmlns="urn:xmpp:hints"/><origin-id xmlns="urn:xmpp:sid:0" id="r1"/></message>',
    );
    expect(built(priya, { kind: 'receipt', of: 'o1' })).toBe(
      '<message type="chat" to="priya@h.example"><received xmlns="urn:xmpp:receipts" id="o1"/>' +
        '<no-permanent-store xmlns="urn:xmpp:hints"/></message>',
    );
    expect(built(ward, { kind: 'displayed', of: 'g1' })).toBe(
      '<message type="groupchat" to="ward@conference.h.example"><displayed xmlns="urn:xmpp:chat-markers:0" id="g1"/></message>',
    );
    expect(built(priya, { kind: 'chatstate', state: 'composing' })).toBe(
      '<message type="chat" to="priya@h.example"><composing xmlns="http://jabber.org/protocol/chatstates"/>' +
        '<no-store xmlns="urn:xmpp:hints"/></message>',
    );
  });

  it('reads back, on the other side, as the content it was built from', () => {
    const contents: MessageContent[] = [
      { kind: 'text', body: 'Bed 4' },
      { kind: 'correction', replaces: 'o1', body: 'Bed 5' },
      { kind: 'retraction', retracts: 'o1' },
      { kind: 'receipt', of: 'o1' },
      { kind: 'displayed', of: 'o1' },
      { kind: 'chatstate', state: 'paused' },
    ];
    const ctx: InboundContext = {
      me: 'priya@h.example',
      mucHost: 'conference.h.example',
      opsHost: 'ops.h.example',
      occupant: () => '',
    };
    for (const c of contents) {
      const sent = messageStanza(priya, c, 'x1');
      sent.attrs.from = 'dana@h.example/pwa';
      const env = unwrap(sent, ctx, () => 'T')!;
      expect(read(env, env.msg, ctx)).toMatchObject({ conversation: 'dana@h.example', content: c });
    }
  });

  it('runs the transforms (where encryption plugs in) before the stanza goes', async () => {
    const outbound = createOutbound();
    outbound.use(async (stanza, to, content) => {
      stanza.attrs['data-seen'] = `${to.type}:${content.kind}`;
      return stanza;
    });
    expect((await outbound.compose(ward, { kind: 'text', body: 'x' }, 'g9')).attrs['data-seen']).toBe('groupchat:text');
  });
});
