// The golden location stanzas (protocol/fixtures) parse into the typed values and render back the same.
import { NS_GEOLOC, NS_PUBSUB_EVENT } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { fixture } from '../test-fixtures.ts';
import { geolocElement, notification, parseGeoloc } from './codec.ts';

describe('geoloc codec', () => {
  it('parses the golden publish into a location, and renders it back', () => {
    const geoloc = fixture('location-publish.xml')
      .getChild('pubsub')!
      .getChild('publish')!
      .getChild('item')!
      .getChild('geoloc', NS_GEOLOC);
    const l = parseGeoloc(geoloc);
    expect(l).toEqual({
      lat: 52.0025,
      lon: 4.362,
      accuracy: 8,
      building: 'north',
      floor: 'n1',
      room: 'n1-3',
      timestamp: '2026-11-30T03:30:00.000Z',
    });
    expect(parseGeoloc(geolocElement(l))).toEqual(l);
  });

  it('reads an empty geoloc as stopped', () => {
    expect(parseGeoloc(geolocElement(null))).toBeNull();
  });

  it('renders the golden stale notification', () => {
    const golden = fixture('location-event.xml');
    const geoloc = golden.getChild('event', NS_PUBSUB_EVENT)!.getChild('items')!.getChild('item')!.getChild('geoloc')!;
    const location = parseGeoloc(geoloc)!;
    const el = notification('ops.bleep.localhost', 'dispatcher@bleep.localhost/pwa', 'loc-7', {
      jid: 'nurse@bleep.localhost',
      location,
      stale: true,
    });
    const squash = (s: string) => s.replace(/>\s+</g, '><').trim();
    expect(squash(el.toString())).toBe(squash(golden.toString()));
  });
});
