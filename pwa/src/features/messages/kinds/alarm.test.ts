// A preset alarm through the one pipeline, from the protocol's golden stanza
// (the incident room's invitation from the component, carrying it): only the
// component speaks for it, it belongs to no conversation, and what it says is
// what the full-screen alarm shows.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { readStanza, type InboundContext } from '../inbound.ts';
import { alarmColour } from '../../alarms/codec.ts';
import { parseAlarm, placeOf, requestIdOf } from './alarm-codec.ts';

const golden = (name = 'alarm-message.xml') =>
  readFileSync(new URL(`../../../../../protocol/fixtures/${name}`, import.meta.url), 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
/** The form before issue #10's smaller stanza, as archives still hold it. */
const old = () => golden('alarm-message-old.xml');
const alarmOf = (xml: string) => {
  const ev = readStanza(stanza(xml), ctx)!;
  if (ev.content.kind !== 'alarm') throw new Error(ev.content.kind);
  return ev.content.alarm;
};
const stanza = (xml = golden()) => parse(xml) as XmlElement;

const ctx: InboundContext = {
  me: 'anaes@bleep.localhost',
  mucHost: 'conference.bleep.localhost',
  opsHost: 'ops.bleep.localhost',
  occupant: () => '',
};

describe('an alarm message', () => {
  it('is read as an alarm with every detail the responder sees: the room is where it came from, the colour its preset’s', () => {
    const ev = readStanza(stanza(), ctx)!;
    if (ev.content.kind !== 'alarm') throw new Error(ev.content.kind);
    expect(ev.content.alarm).toEqual({
      incident: 'k3v7q2ma',
      preset: 'code-blue',
      name: 'Code Blue',
      colour: '',
      room: 'alarm-k3v7q2ma@conference.bleep.localhost',
      request: 'req-x2c4h7ba@ops.bleep.localhost',
      location: 'Ward 3',
      bed: '4',
      note: 'collapsed',
      trigger: 'nurse@bleep.localhost',
      triggerName: 'Priya Shah',
      at: '2026-11-30T10:42:07Z',
      repeat: 0,
    });
    expect(ev.security).toBe('server');
    expect(placeOf(ev.content.alarm)).toBe('Ward 3, bed 4');
    expect(requestIdOf(ev.content.alarm.request)).toBe('x2c4h7ba');
    // Full screen in the preset's colour, as kept on the device; a preset it does not know yet: the alarm red.
    const presets = [
      { id: 'code-blue', name: 'Code Blue', colour: '#1d4ed8', icon: 'heart-pulse', severity: 'critical', details: [] },
    ] as const;
    expect(alarmColour(ev.content.alarm, presets)).toBe('#1d4ed8');
    expect(alarmColour(ev.content.alarm, [])).toBe('#dc2626');
  });

  it('an older alarm from the archive reads the same, in the colour it carried', () => {
    const a = alarmOf(old());
    expect(a).toEqual({ ...alarmOf(golden()), colour: '#1d4ed8', at: '2026-11-30T10:42:07.118Z' });
    expect(alarmColour(a, [])).toBe('#1d4ed8');
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
    // The component's invitation through one room cannot ring for another (an older alarm named its room).
    notAlarm(old().replace('room="alarm-k3v7q2ma@', 'room="alarm-zzzzzzzz@'));
    for (const from of ['alarm-k3v7q2ma@conference.elsewhere.example', 'doctor@bleep.localhost'])
      notAlarm(old().replace('from="alarm-k3v7q2ma@conference.bleep.localhost"', `from="${from}"`));
  });

  it("a repeat says which one; an older alarm's bad colour falls back to the preset's; without its request it is no alarm", () => {
    const again = alarmOf(golden().replace('at="2026', 'repeat="2" at="2026'));
    expect(again).toMatchObject({ repeat: 2, colour: '' });
    const bad = alarmOf(old().replace('colour="#1d4ed8"', 'colour="red"'));
    expect(bad.colour).toBe('');
    expect(alarmColour(bad, [])).toBe('#dc2626');
    for (const xml of [golden(), old()]) {
      const el = stanza(xml.replace(/ request="[^"]+"/, '')).getChild('alarm')!;
      expect(parseAlarm(el, 'alarm-k3v7q2ma@conference.bleep.localhost', ctx.opsHost)).toBeUndefined();
    }
    expect(placeOf({ location: '', bed: '' })).toBe('');
  });
});
