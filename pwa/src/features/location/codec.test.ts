// The PWA reads the protocol's golden location stanzas: a notification from
// the component is a marker (stale marked), from anyone else it is nothing;
// what the PWA publishes is what the component parses (same fields).
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import { NS_GEOLOC, NS_LOCATION } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseEvent, parseGeoloc, publishIq, siteChange } from './codec.ts';
import { metres, positionOf } from './place.ts';

const fixture = (name: string) =>
  parse(
    readFileSync(new URL(`../../../../protocol/fixtures/${name}`, import.meta.url), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim(),
  ) as XmlElement;
const OPS = 'ops.bleep.localhost';

describe('location codec', () => {
  it('reads the golden notification as a stale marker, only from the component', () => {
    const golden = fixture('location-event.xml');
    expect(parseEvent(golden, OPS)).toEqual([
      {
        item: {
          jid: 'nurse@bleep.localhost',
          stale: true,
          location: { lat: 52.0025, lon: 4.362, accuracy: 8, timestamp: '2026-11-30T03:30:00.000Z' },
        },
      },
    ]);
    golden.attrs.from = 'mallory@bleep.localhost';
    expect(parseEvent(golden, OPS)).toBeUndefined();
  });

  it('hears a saved site model, who saved it and its version, only from the component', () => {
    const said = (from: string) =>
      xml(
        'message',
        { type: 'headline', from },
        xml('site-changed', { xmlns: NS_LOCATION, by: 'admin@bleep.localhost', version: 'v2' }),
      );
    expect(siteChange(said(OPS), OPS)).toEqual({ by: 'admin@bleep.localhost', version: 'v2' });
    expect(siteChange(said('mallory@bleep.localhost'), OPS)).toBeUndefined();
  });

  it('publishes the same geoloc as the golden publish', () => {
    const golden = fixture('location-publish.xml');
    const want = parseGeoloc(
      golden.getChild('pubsub')!.getChild('publish')!.getChild('item')!.getChild('geoloc', NS_GEOLOC),
    )!;
    const mine = publishIq(OPS, 'nurse@bleep.localhost', want);
    const item = mine.getChild('pubsub')!.getChild('publish')!.getChild('item')!;
    expect(item.attrs.id).toBe('nurse@bleep.localhost');
    expect(parseGeoloc(item.getChild('geoloc', NS_GEOLOC))).toEqual(want);
    expect(publishIq(OPS, 'n@b', null).toString()).toContain(`<geoloc xmlns="${NS_GEOLOC}"/>`);
  });

  it('measures the 10 m throttle in metres and places a room inside its building', () => {
    expect(metres([52, 4.36], [52.0001, 4.36])).toBeCloseTo(11.1, 0);
    const site = {
      campus: {
        name: 'c',
        plan: '/site/c.svg',
        bounds: [
          [52, 4],
          [53, 5],
        ] as const,
      },
      buildings: [
        {
          id: 'b',
          name: 'B',
          bounds: [
            [52, 4],
            [52.002, 4.004],
          ] as const,
          floors: [{ id: 'f', name: 'F', plan: '/site/f.svg', rooms: [{ id: 'r', name: 'R', x: 0.5, y: 0.25 }] }],
        },
      ],
    };
    expect(positionOf({ building: 'b', floor: 'f', room: 'r', timestamp: 't' }, site)).toEqual([52.0005, 4.002]);
  });
});
