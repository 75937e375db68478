// The alarm commands' answers as the component sends them (component/src/alarms/*-form.ts):
// the presets table, the raised result, the open incidents, the report; a wrong answer is an Error value.
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseStep, type CommandStep } from '../forms/command.ts';
import { incidentOfRoom, parseOpenIncidents, parsePresets, parseRaised, parseReport } from './codec.ts';

const answer = (node: string, x: string, note = '') =>
  parseStep(
    parse(
      `<iq type="result"><command xmlns="http://jabber.org/protocol/commands" node="${node}" status="completed">` +
        (note ? `<note type="info">${note}</note>` : '') +
        `<x xmlns="jabber:x:data" type="result">${x}</x></command></iq>`,
    ) as XmlElement,
  ) as CommandStep;
const formType = (t: string) => `<field var="FORM_TYPE" type="hidden"><value>${t}</value></field>`;
const f = (v: string, ...values: string[]) =>
  `<field var="${v}">${values.map((x) => `<value>${x}</value>`).join('')}</field>`;

describe('alarm command answers', () => {
  it('reads the presets as buttons: name, colour and icon, falling back where one is wrong', () => {
    const s = answer(
      'alarm-presets',
      formType('urn:bleep:alarm:presets:0') +
        '<reported><field var="id"/><field var="name"/></reported>' +
        `<item>${f('id', 'code-blue')}${f('name', 'Code Blue')}${f('colour', '#1d4ed8')}${f('icon', 'heart-pulse')}${f('severity', 'critical')}${f('details', 'location', 'bed', 'note')}</item>` +
        `<item>${f('id', 'fire')}${f('name', 'Fire')}${f('colour', 'red')}${f('icon', 'volcano')}</item>` +
        `<item>${f('id', '')}${f('name', 'Nameless')}</item>`,
    );
    expect(parsePresets(s)).toEqual([
      {
        id: 'code-blue',
        name: 'Code Blue',
        colour: '#1d4ed8',
        icon: 'heart-pulse',
        severity: 'critical',
        details: ['location', 'bed', 'note'],
      },
      { id: 'fire', name: 'Fire', colour: '#dc2626', icon: 'bell', severity: '', details: [] },
    ]);
    expect(parsePresets(answer('alarm-presets', formType('urn:bleep:other:0')))).toBeInstanceOf(Error);
  });

  it('reads the raised alarm: incident, room, merged, how many alerted, and the note', () => {
    const s = answer(
      'alarm',
      formType('urn:bleep:alarm:raised:0') +
        f('incident', 'k3v7q2ma') +
        f('room', 'alarm-k3v7q2ma@conference.bleep.localhost') +
        f('merged', 'false') +
        f('alerted', '2'),
      'Code Blue raised: 2 people alerted.',
    );
    expect(parseRaised(s)).toEqual({
      incident: 'k3v7q2ma',
      room: 'alarm-k3v7q2ma@conference.bleep.localhost',
      merged: false,
      alerted: 2,
      note: 'Code Blue raised: 2 people alerted.',
    });
    expect(parseRaised(answer('alarm', formType('urn:bleep:alarm:raised:0') + f('merged', '1')))).toBeInstanceOf(Error);
  });

  it('lists every open incident from alarm-incidents, placed or not; the resolve form is no list', () => {
    const row = (v: Record<string, string>) =>
      `<item>${Object.entries(v)
        .map(([k, x]) => f(k, x))
        .join('')}</item>`;
    const open = answer(
      'alarm-incidents',
      formType('urn:bleep:alarm:incidents:0') +
        row({
          incident: 'k3',
          name: 'Code Blue · ICU · 10:42',
          colour: '#1d4ed8',
          room: 'alarm-k3@conference.bleep.localhost',
          location: 'ICU',
          building: 'north',
          floor: 'n1',
          place: 'n1-3',
          created: '2026-11-30T10:42:00.000Z',
        }) +
        row({ incident: 'm9', name: 'Fire · Car park · 10:50', room: 'alarm-m9@conference.bleep.localhost' }) +
        row({ incident: '', name: 'No id' }),
    );
    expect(parseOpenIncidents(open)).toEqual([
      {
        id: 'k3',
        name: 'Code Blue · ICU · 10:42',
        colour: '#1d4ed8',
        room: 'alarm-k3@conference.bleep.localhost',
        location: 'ICU',
        created: '2026-11-30T10:42:00.000Z',
        position: { building: 'north', floor: 'n1', room: 'n1-3', timestamp: '2026-11-30T10:42:00.000Z' },
      },
      {
        id: 'm9',
        name: 'Fire · Car park · 10:50',
        colour: '#dc2626',
        room: 'alarm-m9@conference.bleep.localhost',
        location: '',
        created: '',
        position: undefined,
      },
    ]);
    const resolveForm = parseStep(
      parse(
        '<iq type="result"><command xmlns="http://jabber.org/protocol/commands" node="alarm-resolve" status="executing" sessionid="s1">' +
          `<x xmlns="jabber:x:data" type="form">${formType('urn:bleep:alarm:incident:0')}` +
          '<field var="incident" type="list-single"><option label="Code Blue · ICU · 10:42"><value>k3</value></option></field>' +
          '</x></command></iq>',
      ) as XmlElement,
    ) as CommandStep;
    expect(parseOpenIncidents(resolveForm)).toBeInstanceOf(Error);
  });

  it('reads a report line by line', () => {
    const report = answer(
      'alarm-report',
      formType('urn:bleep:alarm:report:0') +
        f('report', 'Code Blue · ICU: timeline (UTC)', '10:42:07 (+0 s) Priya Shah triggered'),
    );
    expect(parseReport(report)).toEqual(['Code Blue · ICU: timeline (UTC)', '10:42:07 (+0 s) Priya Shah triggered']);
    expect(incidentOfRoom('alarm-k3@conference.bleep.localhost')).toBe('k3');
    expect(incidentOfRoom('ward-3@conference.bleep.localhost')).toBe('');
  });
});
