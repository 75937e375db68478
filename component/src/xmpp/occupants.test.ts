import { NS_MUC_USER } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { Occupants } from './occupants.ts';
import { xml } from './xml.ts';

const ROOM = 'alarm-abcdefgh@conference.h.example';
const presence = (nick: string, jid: string | undefined, type?: string) =>
  xml(
    'presence',
    { from: `${ROOM}/${nick}`, to: 'ops.h.example', ...(type ? { type } : {}) },
    xml(
      'x',
      { xmlns: NS_MUC_USER },
      xml('item', { affiliation: 'member', role: 'participant', ...(jid ? { jid } : {}) }),
    ),
  );

describe('occupants', () => {
  it('maps a nick to the real JID the room gave, until that occupant leaves', () => {
    const o = new Occupants();
    o.onPresence(presence('omar', 'anaes@h.example/phone'));
    expect(o.get(ROOM, 'omar')).toEqual({ jid: 'anaes@h.example/phone' });
    expect(o.get(ROOM.toUpperCase(), 'omar')).toEqual({ jid: 'anaes@h.example/phone' });
    o.onPresence(presence('omar', 'anaes@h.example/phone', 'unavailable'));
    expect(o.get(ROOM, 'omar')).toBeUndefined();
  });

  it('takes no JID from a presence without one, nor from one without a muc#user item', () => {
    const o = new Occupants();
    o.onPresence(presence('anon', undefined));
    o.onPresence(
      xml(
        'presence',
        { from: 'nurse@h.example/phone' },
        xml('x', { xmlns: NS_MUC_USER }, xml('item', { jid: 'x@h.example' })),
      ),
    );
    o.onPresence(xml('presence', { from: `${ROOM}/plain` }));
    expect([o.get(ROOM, 'anon'), o.get('nurse@h.example', 'phone'), o.get(ROOM, 'plain')]).toEqual([
      undefined,
      { jid: 'x@h.example' },
      undefined,
    ]);
  });

  it('forgets a room the component left, and every room on a new link', () => {
    const o = new Occupants();
    o.onPresence(presence('omar', 'anaes@h.example/phone'));
    o.forgetRoom(ROOM);
    expect(o.get(ROOM, 'omar')).toBeUndefined();
    o.onPresence(presence('omar', 'anaes@h.example/phone'));
    o.clear();
    expect(o.get(ROOM, 'omar')).toBeUndefined();
  });
});
