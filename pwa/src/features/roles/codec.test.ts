import { NS_ROLE, NS_STANZAS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseReached, parseRoleError } from './codec.ts';

const ops = 'ops.h.example';

describe('role addressing codec', () => {
  it('reads whom a message reached, only from the component', () => {
    const reached = xml(
      'message',
      { from: 'cardiology@ops.h.example', type: 'chat' },
      xml(
        'reached',
        { xmlns: NS_ROLE, role: 'cardiology', 'in-reply-to': 'id1' },
        xml('person', { jid: 'a@h.example', name: 'Amara' }),
      ),
    );
    expect(parseReached(reached, ops)).toEqual({
      inReplyTo: 'id1',
      role: 'cardiology',
      people: [{ jid: 'a@h.example', name: 'Amara' }],
    });
    expect(
      parseReached(Object.assign(reached, { attrs: { ...reached.attrs, from: 'mallory@h.example' } }), ops),
    ).toBeUndefined();
  });

  it('reads a refusal', () => {
    const refusal = xml(
      'message',
      { from: 'cardiology@ops.h.example', type: 'error', id: 'id1' },
      xml('error', { type: 'cancel' }, xml('text', { xmlns: NS_STANZAS }, 'Nobody holds the role')),
    );
    expect(parseRoleError(refusal, ops)).toEqual({ id: 'id1', text: 'Nobody holds the role' });
  });
});
