// The request stanzas as the component builds and reads them, against the golden fixtures the PWA parses too.
import { describe, expect, it } from 'vitest';
import type { StoredRequest } from '../store/types.ts';
import { canon, fixture } from '../test-fixtures.ts';
import { checkAnswerable } from './answer.ts';
import { parseAnswer, requestMessage, stateMessage } from './codec.ts';

const OPS = 'ops.bleep.localhost';
const at = '2026-11-24T10:42:00.000Z';
const base: StoredRequest = {
  id: 'k3v9q2mx',
  template: 'accept-patient',
  title: 'Accept Patient',
  sender: 'doctor@bleep.localhost',
  senderName: 'Dr Amara Okafor',
  rule: { kind: 'exclusive' },
  choices: [
    { value: 'accept', label: 'Accept', style: 'primary', accepts: true },
    { value: 'decline', label: 'Decline', style: 'neutral', accepts: false },
  ],
  fields: [
    { var: 'patient', label: 'Patient', value: 'Ms Lee' },
    { var: 'bed', label: 'Bed', value: '12' },
    { var: 'note', label: 'Note', value: 'post-op, stable' },
  ],
  audience: { kind: 'role', role: 'anaesthesia' },
  created: at,
  expires: '2026-11-24T10:57:00.000Z',
  status: 'pending',
  statusAt: at,
  recipients: [
    { jid: 'anaesthetist@bleep.localhost', name: 'Dr Kofi Mensah', deliveredAt: at },
    { jid: 'nurse2@bleep.localhost', name: 'Lena Park', deliveredAt: at },
  ],
  answers: [],
};
const accepted: StoredRequest = {
  ...base,
  status: 'accepted',
  statusAt: '2026-11-24T10:44:10.000Z',
  answers: [
    {
      by: 'nurse2@bleep.localhost',
      name: 'Lena Park',
      choice: 'decline',
      at: '2026-11-24T10:43:02.000Z',
      resource: 'gajim',
    },
    {
      by: 'anaesthetist@bleep.localhost',
      name: 'Dr Kofi Mensah',
      choice: 'accept',
      at: '2026-11-24T10:44:10.000Z',
      resource: 'pwa',
    },
  ],
};

describe('request stanzas', () => {
  it('builds the request message of request-message.xml', () => {
    const built = requestMessage(base, OPS, 'anaesthetist@bleep.localhost', 'chat');
    expect(canon(built)).toEqual(canon(fixture('request-message.xml')));
  });

  it("builds the sender's own copy of request-message-own.xml, naming the chat it was sent from", () => {
    const built = requestMessage(base, OPS, 'doctor@bleep.localhost', 'chat', 'kofi@bleep.localhost');
    expect(canon(built)).toEqual(canon(fixture('request-message-own.xml')));
  });

  it('builds the live state of request-state.xml', () => {
    const built = stateMessage(
      accepted,
      OPS,
      'doctor@bleep.localhost',
      'chat',
      'Accepted by Dr Kofi Mensah at 10:44 UTC.',
      '3',
    );
    expect(canon(built)).toEqual(canon(fixture('request-state.xml')));
  });

  it('reads the PWA answer and a typed answer', () => {
    expect(parseAnswer(fixture('request-answer.xml'), base)).toBe('accept');
    expect(parseAnswer(fixture('request-answer-text.xml'), base)).toBe('accept');
  });

  it('refuses with the texts of the refusal fixtures', () => {
    const text = (name: string) => fixture(name).getChild('error')!.getChildText('text');
    expect(() => checkAnswerable(accepted, 'nurse2@bleep.localhost', '2026-11-24T10:45:00.000Z')).toThrow(
      text('request-error-closed.xml')!,
    );
    const maybe = fixture('request-answer-text.xml');
    maybe.getChild('body')!.children = ['maybe'];
    expect(() => parseAnswer(maybe, base)).toThrow(text('request-error-unknown-choice.xml')!);
  });
});
