// A preset alarm through the one pipeline, from the protocol's golden stanza
// (the incident room's invitation from the component, carrying it): only the
// component speaks for it, it belongs to no conversation, and what it says is
// what the full-screen alarm shows.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { readStanza, type InboundContext } from '../inbound.ts';
import { parseAlarm, placeOf, requestIdOf } from './alarm-codec.ts';

const golden = () =>
  readFileSync(new URL('../../../../../protocol/fixtures/alarm-message.xml', import.meta.url), 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
const stanza = (xml = golden()) => parse(xml) as XmlElement;

const ctx: InboundContext = {
  me: 'anaes@bleep.localhost',
  mucHost: 'conference.bleep.localhost',
  opsHost: 'ops.bleep.localhost',
  occupant: () => '',
};

describe('an alarm message', () => {
  it('is read as an alarm with every detail the responder sees', () => {
    const ev = readStanza(stanza(), ctx)!;
    if (ev.content.kind !== 'alarm') throw new Error(ev.content.kind);
    expect(ev.content.alarm).toEqual({
      incident: 'k3v7q2ma',
      preset: 'code-blue',
      name: 'Code Blue',
      colour: '#1d4ed8',
      icon: 'heart-pulse',
      severity: 'critical',
      room: 'alarm-k3v7q2ma@conference.bleep.localhost',
      request: 'req-x2c4h7ba@ops.bleep.localhost',
      location: 'Ward 3',
      bed: '4',
      note: 'collapsed',
      trigger: 'nurse@bleep.localhost',
      triggerName: 'Priya Shah',
      at: '2026-11-30T10:42:07.118Z',
      repeat: 0,
    });
    expect(ev.security).toBe('server');
    expect(placeOf(ev.content.alarm)).toBe('Ward 3, bed 4');
    expect(requestIdOf(ev.content.alarm.request)).toBe('x2c4h7ba');
  });

  it('is no alarm unless the component invited through an alarm room on this server, about that room', () => {
    const notAlarm = (xml: string) => expect(readStanza(stanza(xml), ctx)?.content.kind).not.toBe('alarm');
    // Any occupant may invite through the room, and Prosody copies what they put in: the stamp names them.
    notAlarm(golden().replace('<invite from="ops.bleep.localhost">', '<invite from="doctor@bleep.localhost/phone">'));
    notAlarm(golden().replace(/<x xmlns="http:\/\/jabber.org\/protocol\/muc#user">.*?<\/x>/, ''));
    // Not an alarm room, not this server's rooms, not from the room itself (an occupant), not a person.
    for (const from of [
      'ward-3@conference.bleep.localhost',
      'alarm-k3v7q2ma@conference.elsewhere.example',
      'alarm-k3v7q2ma@conference.bleep.localhost/Priya',
      'doctor@bleep.localhost',
      'alarms@ops.bleep.localhost',
    ])
      notAlarm(golden().replace('from="alarm-k3v7q2ma@conference.bleep.localhost"', `from="${from}"`));
    // The component's invitation through one room cannot ring for another.
    notAlarm(golden().replace('room="alarm-k3v7q2ma@', 'room="alarm-zzzzzzzz@'));
  });

  it('a repeat says which one; a bad colour or icon falls back; without its room or request it is no alarm', () => {
    const again = stanza(
      golden()
        .replace('at="2026', 'repeat="2" colour="red" icon="x" at="2026')
        .replace(' colour="#1d4ed8" icon="heart-pulse"', ''),
    );
    const a = parseAlarm(again.getChild('alarm')!)!;
    expect(a).toMatchObject({ repeat: 2, colour: '#dc2626', icon: 'bell' });
    expect(parseAlarm(stanza(golden().replace(/ room="[^"]+"/, '')).getChild('alarm')!)).toBeUndefined();
    expect(parseAlarm(stanza(golden().replace(/ request="[^"]+"/, '')).getChild('alarm')!)).toBeUndefined();
    expect(placeOf({ location: '', bed: '' })).toBe('');
  });
});
