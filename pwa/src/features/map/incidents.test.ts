// The open incidents as the component lists them (component/src/alarms/open-incidents.ts): where each is,
// by GPS or site room; one with no place is left off the map; a wrong answer is an Error value.
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseStep, type CommandStep } from '../forms/command.ts';
import { parseOpenIncidents } from './incidents.ts';

const answer = (x: string) =>
  parseStep(
    parse(
      `<iq type="result"><command xmlns="http://jabber.org/protocol/commands" node="alarm-incidents" status="completed">` +
        `<x xmlns="jabber:x:data" type="result">${x}</x></command></iq>`,
    ) as XmlElement,
  ) as CommandStep;
const formType = '<field var="FORM_TYPE" type="hidden"><value>urn:bleep:alarm:incidents:0</value></field>';
const row = (v: Record<string, string>) =>
  `<item>${Object.entries(v)
    .map(([k, x]) => `<field var="${k}"><value>${x}</value></field>`)
    .join('')}</item>`;
const base = { name: 'Code Blue · ICU · 10:42', colour: '#1d4ed8', created: '2026-11-30T10:42:00.000Z' };

describe('open incidents on the map', () => {
  it('places one at its site room and one at its GPS position; one with no place is not on the map', () => {
    const list = parseOpenIncidents(
      answer(
        formType +
          row({
            ...base,
            incident: 'aaaaaaaa',
            room: 'alarm-aaaaaaaa@c.h',
            building: 'north',
            floor: 'n1',
            place: 'n1-3',
          }) +
          row({
            ...base,
            incident: 'bbbbbbbb',
            room: 'alarm-bbbbbbbb@c.h',
            lat: '52.0011',
            lon: '4.3641',
            colour: 'red',
          }) +
          row({ ...base, incident: 'cccccccc', room: 'alarm-cccccccc@c.h', lat: '', lon: '' }),
      ),
    );
    expect(list).toEqual([
      {
        id: 'aaaaaaaa',
        name: base.name,
        colour: '#1d4ed8',
        room: 'alarm-aaaaaaaa@c.h',
        position: { building: 'north', floor: 'n1', room: 'n1-3', timestamp: base.created },
      },
      {
        id: 'bbbbbbbb',
        name: base.name,
        colour: '#dc2626',
        room: 'alarm-bbbbbbbb@c.h',
        position: { lat: 52.0011, lon: 4.3641, timestamp: base.created },
      },
    ]);
  });

  it('is an error when the answer is not the open incidents', () => {
    expect(parseOpenIncidents(answer(''))).toBeInstanceOf(Error);
  });
});
