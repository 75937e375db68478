// Sharing a GPS location while standing still (issue #9): watchPosition says
// nothing new, so every 30 s the app asks for a fresh fix and sends it with
// that fix's own time. It used to send the last fix again with its old time,
// which the component refuses once it is 10 minutes old: after 10 minutes at
// the nurses' station, the person's marker stopped and an error showed.
// The browser's geolocation is the one part faked here; it cannot run in Node.
import { NS_GEOLOC } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import { useConnection } from '../../xmpp/connection.store.ts';
import { useDirectory } from '../directory/index.ts';
import { fakeClient, link, type FakeClient } from '../messages/fake-connection.ts';
import { useSharing } from './sharing.store.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('../messages/fake-connection.ts'));

const ME = 'priya@h.example';
let client: FakeClient;
/** Where the person stands; what the browser answers a request for a fresh fix with, at the time it is asked. */
const here = { latitude: 51.5, longitude: -0.12, accuracy: 8 };
let watching: ((p: GeolocationPosition) => void) | undefined;
const asked: PositionOptions[] = [];
/** Every IQ the app sent (the publishes among them). */
const published: XmlElement[] = [];

const fix = (): GeolocationPosition =>
  ({ coords: { ...here }, timestamp: Date.now() }) as unknown as GeolocationPosition;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(new Date('2026-11-30T10:00:00Z'));
  asked.length = 0;
  published.length = 0;
  vi.stubGlobal('navigator', {
    geolocation: {
      watchPosition: (ok: (p: GeolocationPosition) => void) => ((watching = ok), 1),
      clearWatch: () => (watching = undefined),
      getCurrentPosition: (ok: (p: GeolocationPosition) => void, _err: unknown, opts: PositionOptions) => {
        asked.push(opts);
        ok(fix());
      },
    },
  });
  link.reset();
  setActivePinia(createPinia());
  client = fakeClient(ME);
  client.answer = (iq) => {
    published.push(iq);
    return xml('iq', { type: 'result', id: iq.attrs.id });
  };
  await link.ready(client);
  useConnection().me = { jid: ME, name: 'Priya Shah', roles: ['nurse'] } as never;
  useSharing();
  useDirectory().entries = [{ jid: ME, name: 'Priya Shah', roles: ['nurse'], onDuty: true } as never];
  await nextTick();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** The times of the locations sent, in order. */
const sentTimes = () =>
  published
    .map((iq) => iq.getChild('pubsub')?.getChild('publish')?.getChild('item')?.getChild('geoloc', NS_GEOLOC))
    .filter((g) => !!g)
    .map((g) => g.getChildText('timestamp'));

it('sends a fresh fix with its own time every 30 s while the person stands still, never an old one again', async () => {
  expect(watching).toBeDefined();
  watching!(fix());
  expect(sentTimes()).toEqual(['2026-11-30T10:00:00.000Z']);

  await vi.advanceTimersByTimeAsync(11 * 60_000); // eleven minutes at the nurses' station
  const times = sentTimes();
  expect(times.length).toBeGreaterThanOrEqual(20);
  expect(times.at(-1)).toBe('2026-11-30T10:11:00.000Z');
  expect(new Set(times).size).toBe(times.length); // each one a new fix
  expect(asked.every((o) => o.maximumAge === 0)).toBe(true);
  expect(useSharing().error).toBe('');
});
