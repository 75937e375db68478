// The alarm does not wait for the incident's commit (trigger.ts; issue #10,
// alarm-fanout: SQLite's COMMIT is a sync to disk, the longest and most
// variable step before the alarm), but the trigger is told "raised" only once
// the incident is committed. Here the store's commit is held back, as a slow
// disk would: the responders have the alarm meanwhile, the trigger has no
// answer yet; once the commit is let through, the trigger is told. SQLite
// (int) and PostgreSQL (int-pg).
import { ALARM_COMMANDS, ALARM_FIELDS as F, NS_ALARM } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Service } from '../service.ts';
import { runCommand, startHarness, xml, type Harness } from '../test-support.ts';
import { responders } from './test-staff.ts';

const RESPONDERS = ['anaes', 'nurse2', 'doctor'];

/** Holds every openOrMerge's result back until `letThrough` (the transaction's work is done, its answer waits). */
let letThrough: () => void = () => {};
const slowDisk: Service = {
  name: 'test-slow-commit',
  register: ({ store }) => {
    const incidents = store.incidents;
    const openOrMerge = incidents.openOrMerge.bind(incidents);
    incidents.openOrMerge = async (...args) => {
      const held = new Promise<void>((r) => (letThrough = r));
      const result = await openOrMerge(...args);
      await held;
      return result;
    };
  },
};

let h: Harness;
const c: Record<string, Client> = {};

beforeAll(async () => {
  h = await startHarness({ staff: responders(['nurse3']), services: [slowDisk] });
  for (const u of ['nurse', ...RESPONDERS]) {
    c[u] = await h.login(u);
    await c[u]!.send(xml('presence'));
  }
});
afterAll(() => h?.stop());

it('reaches every responder while the incident is still being committed; the trigger is told only after', async () => {
  const got: Record<string, XmlElement[]> = {};
  for (const u of RESPONDERS)
    c[u]!.on(
      'stanza',
      ((el: XmlElement) => void (el.getChild('alarm', NS_ALARM) && (got[u] ??= []).push(el))) as never,
    );
  let answered = false;
  const reply = runCommand(c.nurse!, h.prosody.settings.opsHost, ALARM_COMMANDS.alarm, {
    [F.preset]: 'code-blue',
    [F.location]: 'Ward 9',
  }).finally(() => (answered = true));

  await expect.poll(() => RESPONDERS.every((u) => got[u]?.length), { timeout: 10_000 }).toBe(true);
  expect(answered).toBe(false);
  letThrough();
  expect((await reply).attrs.type).toBe('result');
  for (const u of RESPONDERS) expect(got[u]).toHaveLength(1);
});
