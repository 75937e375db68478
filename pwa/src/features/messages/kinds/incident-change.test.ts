// A change of the open incidents through the one pipeline, from the
// protocol's golden stanza: a headline only the alarms service speaks for,
// read into the incident's row; resolved, it carries none.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { readStanza, type InboundContext } from '../inbound.ts';

const golden = () =>
  readFileSync(new URL('../../../../../protocol/fixtures/alarm-incidents-change.xml', import.meta.url), 'utf8')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
const stanza = (xml = golden()) => parse(xml) as XmlElement;

const ctx: InboundContext = {
  me: 'dispatcher@bleep.localhost',
  mucHost: 'conference.bleep.localhost',
  opsHost: 'ops.bleep.localhost',
  occupant: () => '',
};

describe('an incident change', () => {
  it('is read with the incident’s place and room', () => {
    const ev = readStanza(stanza(), ctx)!;
    if (ev.content.kind !== 'incident-change') throw new Error(ev.content.kind);
    expect(ev.content.news).toEqual({
      change: 'opened',
      incident: 'k3v7q2ma',
      row: {
        id: 'k3v7q2ma',
        name: 'Code Blue · North wing · Floor 1 · ICU · 10:42',
        colour: '#1d4ed8',
        room: 'alarm-k3v7q2ma@conference.bleep.localhost',
        location: 'North wing · Floor 1 · ICU',
        created: '2026-11-30T10:42:07.118Z',
        position: { building: 'north', floor: 'n1', room: 'n1-3', timestamp: '2026-11-30T10:42:07.118Z' },
      },
    });
  });

  it('says a resolved incident is gone, with no row', () => {
    const ev = readStanza(stanza(golden().replace('change="opened"', 'change="resolved"')), ctx)!;
    if (ev.content.kind !== 'incident-change') throw new Error(ev.content.kind);
    expect(ev.content.news).toEqual({ change: 'resolved', incident: 'k3v7q2ma', row: undefined });
  });

  it('is not believed from anyone but the alarms service, nor with an unknown change', () => {
    expect(readStanza(stanza(golden().replace('alarms@ops', 'mallory@ops')), ctx)).toBeUndefined();
    expect(
      readStanza(stanza(golden().replace('alarms@ops.bleep.localhost', 'mallory@bleep.localhost')), ctx),
    ).toBeUndefined();
    expect(readStanza(stanza(golden().replace('change="opened"', 'change="exploded"')), ctx)).toBeUndefined();
  });
});
