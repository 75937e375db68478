import { NS_ROLE, NS_STANZAS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseDelivered, parseReached, parseRoleError, roleMessage } from './codec.ts';

const ops = 'ops.h.example';

describe('role addressing codec', () => {
  it('addresses <role>@ops with an origin-id equal to the id', () => {
    const m = roleMessage('cardiology', ops, 'ECG in bay 3', 'id1');
    expect(m.attrs).toMatchObject({ to: 'cardiology@ops.h.example', id: 'id1', type: 'chat' });
    expect(m.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id).toBe('id1');
  });

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

  it('reads a refusal and a delivery, and ignores forged deliveries', () => {
    const refusal = xml(
      'message',
      { from: 'cardiology@ops.h.example', type: 'error', id: 'id1' },
      xml('error', { type: 'cancel' }, xml('text', { xmlns: NS_STANZAS }, 'Nobody holds the role')),
    );
    expect(parseRoleError(refusal, ops)).toEqual({ id: 'id1', text: 'Nobody holds the role' });
    const delivered = (from: string) =>
      xml(
        'message',
        { from, type: 'chat' },
        xml('delivered', { xmlns: NS_ROLE, id: 'd1', role: 'cardiology', sender: 'dana@h.example' }, 'ECG'),
      );
    expect(parseDelivered(delivered('cardiology@ops.h.example'), ops)).toEqual({
      id: 'd1',
      sender: 'dana@h.example',
      role: 'cardiology',
      body: 'ECG',
    });
    expect(parseDelivered(delivered('mallory@h.example/x'), ops)).toBeUndefined();
  });
});
