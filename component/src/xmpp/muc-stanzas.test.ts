// The MUC stanzas the component sends: what incident rooms will rely on.
import { FORM_MUC_ROOMCONFIG, NS_DATA, NS_MUC_ADMIN, NS_MUC_OWNER, NS_MUC_USER, ROOM_CONFIG } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { affiliationIq, configureIq, joinRefusal, mediatedInvite, selfPresence } from './muc-stanzas.ts';
import { xml } from './xml.ts';

const fields = (iq: ReturnType<typeof configureIq>) =>
  Object.fromEntries(
    iq
      .getChild('query', NS_MUC_OWNER)!
      .getChild('x', NS_DATA)!
      .getChildren('field')
      .map((f) => [f.attrs.var, f.getChildren('value').map((v) => v.text())]),
  );

describe('MUC stanzas', () => {
  it("configures with Bleep's room config, the name, and a caller's extra fields (multi-valued too)", () => {
    const f = fields(
      configureIq('ops.h', 'inc-1@conference.h', 'Code Blue, ward 3', {
        'muc#roomconfig_presencebroadcast': ['moderator'],
        'muc#roomconfig_persistentroom': '0',
      }),
    );
    expect(f.FORM_TYPE).toEqual([FORM_MUC_ROOMCONFIG]);
    expect(f['muc#roomconfig_roomname']).toEqual(['Code Blue, ward 3']);
    expect(f['muc#roomconfig_membersonly']).toEqual([ROOM_CONFIG['muc#roomconfig_membersonly']]);
    expect(f['muc#roomconfig_presencebroadcast']).toEqual(['moderator']);
    expect(f['muc#roomconfig_persistentroom']).toEqual(['0']); // the caller's value wins
  });

  it('sets one affiliation per IQ, and invites through the room (XEP-0045 §7.8.2)', () => {
    const items = affiliationIq('ops.h', 'r@c.h', 'a@h', 'owner').getChild('query', NS_MUC_ADMIN)!.getChildren('item');
    expect(items.map((i) => i.attrs)).toEqual([{ affiliation: 'owner', jid: 'a@h' }]);
    const invite = mediatedInvite('ops.h', 'r@c.h', 'a@h', 'Code Blue');
    expect(invite.attrs).toMatchObject({ from: 'ops.h', to: 'r@c.h' });
    const i = invite.getChild('x', NS_MUC_USER)!.getChild('invite')!;
    expect([i.attrs.to, i.getChildText('reason')]).toEqual(['a@h', 'Code Blue']);
  });

  it('knows its own presence back from a room (110), whether the join created it (201), and when it is out', () => {
    const p = (codes: string[], attrs: Record<string, string> = {}) =>
      xml(
        'presence',
        { from: 'r@c.h/Bleep', ...attrs },
        xml('x', { xmlns: NS_MUC_USER }, ...codes.map((code) => xml('status', { code }))),
      );
    expect(selfPresence(p(['110', '201']))).toEqual({ room: 'r@c.h', created: true, left: false });
    expect(selfPresence(p(['110']))).toEqual({ room: 'r@c.h', created: false, left: false });
    expect(selfPresence(p([]))).toBeUndefined();
    // §9.2: kicked (307) is our own unavailable presence: we are out of the room.
    expect(selfPresence(p(['110', '307'], { type: 'unavailable' }))).toEqual({
      room: 'r@c.h',
      created: false,
      left: true,
    });
  });

  it('reads a refused join: the room and the error condition; any other presence is not one', () => {
    const refusal = xml(
      'presence',
      { from: 'r@c.h/Bleep', type: 'error' },
      xml('error', { type: 'auth' }, xml('registration-required', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' })),
    );
    expect(joinRefusal(refusal)).toEqual({ room: 'r@c.h', condition: 'registration-required' });
    expect(joinRefusal(xml('presence', { from: 'r@c.h/Bleep' }))).toBeUndefined();
    expect(joinRefusal(xml('message', { from: 'r@c.h', type: 'error' }))).toBeUndefined();
  });
});
