// Issue #9 duty shifts on a real Prosody (SQLite, and PostgreSQL in int-pg):
// a warning before the end, one extension, and at the end duty turns off by
// itself, which stops location sharing. Shifts here are 3.6 s long
// (BLEEP_DUTY_MAX_SHIFT_HOURS=0.001), warned 1.8 s before, extended by 3.6 s.
import {
  COMMANDS,
  DIRECTORY_FIELDS as F,
  LOCATION_COMMANDS,
  LOCATION_NODE,
  NS_COMMANDS,
  NS_DUTY,
  NS_GEOLOC,
  NS_PUBSUB,
  NS_PUBSUB_EVENT,
  NS_STANZAS,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

const SHIFT_MS = 3600;
const WARNING_MS = 1800;
let h: Harness;
let ops: string;
let domain: string;
let dispatcher: Client;
let nurse: Client;
let admin: Client;

beforeAll(async () => {
  h = await startHarness({
    settings: {
      BLEEP_DUTY_MAX_SHIFT_HOURS: '0.001',
      BLEEP_DUTY_WARNING_MINUTES: '0.03',
      BLEEP_DUTY_EXTENSION_HOURS: '0.001',
    },
  });
  ({ opsHost: ops, domain } = h.prosody.settings);
  dispatcher = await h.login('dispatcher');
  nurse = await h.login('nurse');
  admin = await h.login('admin');
  for (const c of [nurse, admin]) await c.send(xml('presence'));
  await exchange(
    dispatcher,
    xml(
      'iq',
      { type: 'set', to: ops },
      xml('pubsub', { xmlns: NS_PUBSUB }, xml('subscribe', { node: LOCATION_NODE, jid: `dispatcher@${domain}` })),
    ),
  );
});
afterAll(() => h?.stop());

const duty = (c: Client, on: boolean) => runCommand(c, ops, COMMANDS.duty, { [F.onDuty]: String(on) });
const onDuty = async (user: string) => (await h.component.store.directory.get(`${user}@${domain}`))!.onDuty;
const notice = (c: Client, name: string) => nextStanza(c, (el) => !!el.getChild(name, NS_DUTY));
const extend = (c: Client) =>
  exchange(
    c,
    xml(
      'iq',
      { type: 'set', to: ops },
      xml('command', { xmlns: NS_COMMANDS, node: LOCATION_COMMANDS.dutyExtend, action: 'execute' }),
    ),
  );
const text = (el: XmlElement) => el.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';

describe('duty shifts', () => {
  it('warns before the end of the longest shift, then turns duty off and removes the marker', async () => {
    const warning = notice(nurse, 'shift-ending');
    const ended = notice(nurse, 'shift-ended');
    const started = Date.now();
    await duty(nurse, true);
    const geoloc = xml(
      'geoloc',
      { xmlns: NS_GEOLOC },
      xml('lat', {}, '52.002'),
      xml('lon', {}, '4.363'),
      xml('timestamp', {}, new Date().toISOString()),
    );
    await exchange(
      nurse,
      xml(
        'iq',
        { type: 'set', to: ops },
        xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: LOCATION_NODE }, xml('item', {}, geoloc))),
      ),
    );
    const retracted = nextStanza(
      dispatcher,
      (el) =>
        el.getChild('event', NS_PUBSUB_EVENT)?.getChild('items')?.getChild('retract')?.attrs.id === `nurse@${domain}`,
    );

    const w = await warning;
    // Not at the start: the warning time before the end (1.8 s of 3.6 s here; by default 15 min of 12 h).
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHIFT_MS - WARNING_MS - 200);
    expect(w.getChild('shift-ending', NS_DUTY)!.attrs.extendable).toBe('true');
    expect(w.getChildText('body')).toMatch(/Your shift ends at .* Extend it once/);
    expect(await onDuty('nurse')).toBe(true);

    const e = await ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHIFT_MS - 200);
    expect(e.getChildText('body')).toMatch(/you are off duty now, and your location is no longer shared/);
    expect(await onDuty('nurse')).toBe(false);
    await retracted;
    expect(await h.component.store.shifts.get(`nurse@${domain}`)).toBeUndefined();
  });

  it('extends a shift once, and refuses a second extension and an extension off duty', async () => {
    const off = await extend(admin);
    expect(text(off)).toMatch(/not on duty, so there is no shift to extend/);

    const started = Date.now();
    await duty(admin, true);
    const ok = await extend(admin);
    expect(ok.getChild('command', NS_COMMANDS)!.getChildText('note')).toMatch(/Your shift now ends at/);
    const again = await extend(admin);
    expect(again.getChild('error')!.getChild('not-allowed', NS_STANZAS)).toBeDefined();
    expect(text(again)).toMatch(/extended once already/);

    const ended = notice(admin, 'shift-ended');
    await new Promise((r) => setTimeout(r, SHIFT_MS + 500));
    expect(await onDuty('admin')).toBe(true); // past the first end: extended
    await ended;
    expect(Date.now() - started).toBeGreaterThanOrEqual(2 * SHIFT_MS - 200);
    expect(await onDuty('admin')).toBe(false);
  });

  it('going off duty by hand cancels the shift and its timers', async () => {
    let endedNotices = 0;
    nurse.on('stanza', ((el: XmlElement) => el.getChild('shift-ended', NS_DUTY) && endedNotices++) as never);
    await duty(nurse, true);
    const shift = (await h.component.store.shifts.get(`nurse@${domain}`))!;
    expect(shift.endsAt - shift.startedAt).toBe(SHIFT_MS);
    await duty(nurse, false);
    expect(await h.component.store.shifts.get(`nurse@${domain}`)).toBeUndefined();
    expect(
      await h.component.store.timers.get(`duty-end:nurse@${domain}:${shift.startedAt}:${shift.endsAt}`),
    ).toBeUndefined();
    await new Promise((r) => setTimeout(r, SHIFT_MS + 300));
    expect(endedNotices).toBe(0);
  });
});
