// Issue #9: location history is kept only for the retention setting, then
// purged by the service itself; markers older than that leave the map too.
// Retention here is 3.6 s (BLEEP_LOCATION_RETENTION_HOURS=0.001).
import { COMMANDS, DIRECTORY_FIELDS as F, LOCATION_NODE, NS_GEOLOC, NS_PUBSUB } from '@bleep/protocol';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { exchange, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ settings: { BLEEP_LOCATION_RETENTION_HOURS: '0.001' } });
});
afterAll(() => h?.stop());

it('purges the history after the retention time, and drops the marker', async () => {
  const { opsHost: ops, domain } = h.prosody.settings;
  const nurse = await h.login('nurse');
  const dispatcher = await h.login('dispatcher');
  await runCommand(nurse, ops, COMMANDS.duty, { [F.onDuty]: 'true' });
  const geoloc = xml(
    'geoloc',
    { xmlns: NS_GEOLOC },
    xml('lat', {}, '52.001'),
    xml('lon', {}, '4.364'),
    xml('timestamp', {}, new Date().toISOString()),
  );
  const pub = xml(
    'iq',
    { type: 'set', to: ops },
    xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: LOCATION_NODE }, xml('item', {}, geoloc))),
  );
  expect((await exchange(nurse, pub)).attrs.type).toBe('result');
  const jid = `nurse@${domain}`;
  await expect.poll(async () => (await h.component.store.locations.history(jid)).length, { timeout: 3000 }).toBe(1);
  const published = Date.now();
  await expect.poll(async () => (await h.component.store.locations.history(jid)).length, { timeout: 10_000 }).toBe(0);
  expect(Date.now() - published).toBeGreaterThan(2000);
  const items = await exchange(
    dispatcher,
    xml('iq', { type: 'get', to: ops }, xml('pubsub', { xmlns: NS_PUBSUB }, xml('items', { node: LOCATION_NODE }))),
  );
  expect(items.getChild('pubsub', NS_PUBSUB)!.getChild('items')!.getChildren('item')).toEqual([]);
});
