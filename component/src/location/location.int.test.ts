// Issue #9 on a real Prosody (SQLite, and PostgreSQL in int-pg): staff on duty
// publish XEP-0080 locations to the `locations` node on ops.<domain>;
// dispatchers subscribe and read (audited); every refusal says why and
// changes nothing; a saved site model is announced live; markers turn stale and go away on off-duty and disconnect.
import {
  COMMANDS,
  DIRECTORY_FIELDS as F,
  LOCATION_COMMANDS,
  LOCATION_NODE,
  NS_COMMANDS,
  NS_GEOLOC,
  NS_LOCATION,
  NS_PUBSUB,
  NS_PUBSUB_EVENT,
  NS_STANZAS,
  SITE_FIELDS,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, memoryLog, nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let domain: string;
let dispatcher: Client;
let nurse: Client;
let admin: Client;
const log = memoryLog('debug');
const STALE_MS = 3000;

beforeAll(async () => {
  h = await startHarness({ logger: log.logger, settings: { BLEEP_LOCATION_STALE_MINUTES: String(STALE_MS / 60_000) } });
  ({ opsHost: ops, domain } = h.prosody.settings);
  [dispatcher, nurse, admin] = (await Promise.all(['dispatcher', 'nurse', 'admin'].map((u) => h.login(u)))) as [
    Client,
    Client,
    Client,
  ];
  for (const c of [nurse, admin]) await runCommand(c, ops, COMMANDS.duty, { [F.onDuty]: 'true' });
});
afterAll(() => h?.stop());

const now = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();
type Fields = Record<string, string | number>;
const geoloc = (f: Fields) =>
  xml('geoloc', { xmlns: NS_GEOLOC }, ...Object.entries(f).map(([k, v]) => xml(k, {}, String(v))));
const pubsub = (type: 'get' | 'set', ...children: XmlElement[]) =>
  xml('iq', { type, to: ops }, xml('pubsub', { xmlns: NS_PUBSUB }, ...children));
const publish = (c: Client, f: Fields, id?: string) =>
  exchange(c, pubsub('set', xml('publish', { node: LOCATION_NODE }, xml('item', id ? { id } : {}, geoloc(f)))));
const readItems = (c: Client) => exchange(c, pubsub('get', xml('items', { node: LOCATION_NODE })));
const subscribe = (c: Client, jid: string) =>
  exchange(c, pubsub('set', xml('subscribe', { node: LOCATION_NODE, jid })));
const text = (reply: XmlElement) => reply.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';
const CONDITIONS = ['bad-request', 'forbidden', 'not-allowed', 'item-not-found', 'conflict'];
const condition = (reply: XmlElement) => CONDITIONS.find((c) => reply.getChild('error')?.getChild(c, NS_STANZAS));
function itemsOf(reply: XmlElement): Record<string, XmlElement> {
  const items = reply.getChild('pubsub', NS_PUBSUB)!.getChild('items')!.getChildren('item');
  return Object.fromEntries(items.map((i) => [i.attrs.id!, i.getChild('geoloc', NS_GEOLOC)!]));
}
/** The next location event the dispatcher gets about `jid` that matches. */
const nextEvent = (jid: string, match: (item: XmlElement) => boolean = () => true) =>
  nextStanza(dispatcher, (el) => {
    const items = el.getChild('event', NS_PUBSUB_EVENT)?.getChild('items');
    const item =
      items && [...items.getChildren('item'), ...items.getChildren('retract')].find((i) => i.attrs.id === jid);
    return !!item && match(item);
  }).then((el) => {
    const items = el.getChild('event', NS_PUBSUB_EVENT)!.getChild('items')!;
    return (items.getChild('item') ?? items.getChild('retract'))!;
  });

const nurseJid = () => `nurse@${domain}`;
const HERE = { lat: 52.0025, lon: 4.362, accuracy: 8 };

describe('location sharing', () => {
  it('delivers a published location to a subscribed dispatcher and in the items, and audits the read', async () => {
    const sub = await subscribe(dispatcher, dispatcher.jid!.toString());
    expect(sub.attrs.type).toBe('result');
    expect(sub.getChild('pubsub', NS_PUBSUB)!.getChild('subscription')!.attrs.subscription).toBe('subscribed');

    const event = nextEvent(nurseJid());
    expect((await publish(nurse, { ...HERE, timestamp: now() }, nurseJid())).attrs.type).toBe('result');
    const item = await event;
    expect(item.name).toBe('item');
    expect(item.getChild('geoloc', NS_GEOLOC)!.getChildText('lat')).toBe('52.0025');
    expect(item.getChild('geoloc', NS_GEOLOC)!.getChildText('accuracy')).toBe('8');

    // Indoors: a room of the site model, without coordinates; no id = the publisher's own item.
    const indoor = nextEvent(`admin@${domain}`);
    const room = { building: 'north', floor: 'n1', room: 'n1-3', timestamp: now() };
    expect((await publish(admin, room)).attrs.type).toBe('result');
    expect((await indoor).getChild('geoloc', NS_GEOLOC)!.getChildText('room')).toBe('n1-3');

    const items = itemsOf(await readItems(dispatcher));
    expect(Object.keys(items).sort()).toEqual([`admin@${domain}`, nurseJid()]);
    expect(items[nurseJid()]!.getChildText('lon')).toBe('4.362');
    expect(items[`admin@${domain}`]!.getChildText('floor')).toBe('n1');

    const audit = await h.component.store.audit.list({ target: LOCATION_NODE, limit: 10 });
    expect(audit.map((a) => [a.action, a.actor])).toEqual(
      expect.arrayContaining([
        ['location-read', `dispatcher@${domain}`],
        ['location-subscribe', `dispatcher@${domain}`],
      ]),
    );
    // The history keeps it (written in batches).
    await expect
      .poll(async () => (await h.component.store.locations.history(nurseJid())).length, { timeout: 5000 })
      .toBeGreaterThan(0);
  });

  it('refuses everyone but dispatchers and admins the locations, with a reason, and audits nothing for them', async () => {
    const before = (await h.component.store.audit.list({ target: LOCATION_NODE, limit: 100 })).length;
    for (const reply of [await readItems(nurse), await subscribe(nurse, `nurse@${domain}`)]) {
      expect(condition(reply)).toBe('forbidden');
      expect(text(reply)).toMatch(/Only dispatchers and admins may see where staff are/);
    }
    // Admins may read.
    expect((await readItems(admin)).attrs.type).toBe('result');
    const after = await h.component.store.audit.list({ target: LOCATION_NODE, limit: 100 });
    expect(after.length).toBe(before + 1);
    expect(after[0]!.actor).toBe(`admin@${domain}`);
  });

  it("refuses a publish of someone else's item, and a subscription for another address", async () => {
    const other = await publish(nurse, { ...HERE, timestamp: now() }, `dispatcher@${domain}`);
    expect(condition(other)).toBe('forbidden');
    expect(text(other)).toMatch(/only your own location/);
    const retract = await exchange(
      nurse,
      pubsub('set', xml('retract', { node: LOCATION_NODE }, xml('item', { id: `admin@${domain}` }))),
    );
    expect(condition(retract)).toBe('forbidden');
    const sub = await subscribe(dispatcher, `nurse@${domain}`);
    expect(condition(sub)).toBe('bad-request');
    expect(text(sub)).toMatch(/your own address/);
    expect(Object.keys(itemsOf(await readItems(dispatcher)))).toContain(`admin@${domain}`);
  });

  it('refuses a publish from someone off duty', async () => {
    const reply = await publish(dispatcher, { ...HERE, timestamp: now() });
    expect(condition(reply)).toBe('not-allowed');
    expect(text(reply)).toMatch(/Go on duty first/);
    expect(Object.keys(itemsOf(await readItems(dispatcher)))).not.toContain(`dispatcher@${domain}`);
  });

  it('refuses every unusable location with a reason, and nothing stored changes', async () => {
    await publish(nurse, { ...HERE, timestamp: now() });
    const kept = itemsOf(await readItems(dispatcher))[nurseJid()]!.toString();
    await h.component.store.locations.history(nurseJid()); // flushed by now or soon; compared below after a flush wait
    await new Promise((r) => setTimeout(r, 1200));
    const historyBefore = (await h.component.store.locations.history(nurseJid())).length;
    const cases: [Fields, string, RegExp][] = [
      [{ lat: 91, lon: 4, timestamp: now() }, 'bad-request', /Latitude must be between -90 and 90/],
      [{ lat: 52, lon: -181, timestamp: now() }, 'bad-request', /Longitude must be between -180 and 180/],
      [{ lat: 52, timestamp: now() }, 'bad-request', /<lat\/> and <lon\/> together/],
      [{ lat: 'north', lon: 4, timestamp: now() }, 'bad-request', /must be a decimal number/],
      [{ ...HERE, accuracy: -1, timestamp: now() }, 'bad-request', /Accuracy must be between 0 and 5000/],
      [{ ...HERE, accuracy: 9000, timestamp: now() }, 'bad-request', /Accuracy must be between 0 and 5000/],
      [{ ...HERE, timestamp: now(10 * 60_000) }, 'bad-request', /in the future/],
      [{ ...HERE, timestamp: now(-60 * 60_000) }, 'bad-request', /more than 10 minutes old/],
      [{ ...HERE, timestamp: 'yesterday' }, 'bad-request', /XEP-0082 date and time/],
      [{ ...HERE }, 'bad-request', /no <timestamp\/>/],
      [{ accuracy: 5, timestamp: now() }, 'bad-request', /coordinates .* or a <building\/>/],
      [{ building: 'east', timestamp: now() }, 'item-not-found', /no building "east"/],
      [{ building: 'north', floor: 's1', timestamp: now() }, 'item-not-found', /North wing has no floor "s1"/],
      [{ building: 'north', floor: 'n1', room: 'n0-1', timestamp: now() }, 'item-not-found', /has no room "n0-1"/],
      [{ building: 'north', room: 'n1-1', timestamp: now() }, 'item-not-found', /A room needs its <floor\/>/],
    ];
    for (const [fields, cond, pattern] of cases) {
      const reply = await publish(nurse, fields);
      expect([JSON.stringify(fields), condition(reply)]).toEqual([JSON.stringify(fields), cond]);
      expect(text(reply)).toMatch(pattern);
    }
    const notGeoloc = await exchange(
      nurse,
      pubsub('set', xml('publish', { node: LOCATION_NODE }, xml('item', {}, xml('here', { xmlns: 'urn:x' })))),
    );
    expect(text(notGeoloc)).toMatch(/Publish one <geoloc/);
    const unknownNode = await exchange(nurse, pubsub('set', xml('publish', { node: 'elsewhere' }, xml('item'))));
    expect(condition(unknownNode)).toBe('item-not-found');

    expect(itemsOf(await readItems(dispatcher))[nurseJid()]!.toString()).toBe(kept);
    await new Promise((r) => setTimeout(r, 1200));
    expect((await h.component.store.locations.history(nurseJid())).length).toBe(historyBefore);
  });

  it('marks a marker stale after the stale time without an update, and tells the dispatcher', async () => {
    const stale = nextEvent(nurseJid(), (i) => !!i.getChild('geoloc', NS_GEOLOC)?.getChild('stale', NS_LOCATION));
    await publish(nurse, { ...HERE, timestamp: now() });
    const started = Date.now();
    await stale;
    expect(Date.now() - started).toBeGreaterThanOrEqual(STALE_MS - 100);
    expect(itemsOf(await readItems(dispatcher))[nurseJid()]!.getChild('stale', NS_LOCATION)).toBeDefined();
    // A fresh publish makes it live again.
    await publish(nurse, { ...HERE, timestamp: now() });
    expect(itemsOf(await readItems(dispatcher))[nurseJid()]!.getChild('stale', NS_LOCATION)).toBeUndefined();
  });

  it('takes the marker away when its owner stops sharing (an empty geoloc)', async () => {
    const gone = nextEvent(`admin@${domain}`, (i) => i.name === 'retract');
    expect((await publish(admin, {})).attrs.type).toBe('result');
    await gone;
    expect(Object.keys(itemsOf(await readItems(dispatcher)))).not.toContain(`admin@${domain}`);
    await expect
      .poll(async () => (await h.component.store.locations.history(`admin@${domain}`)).at(-1)?.location, {
        timeout: 5000,
      })
      .toBeNull();
  });

  it('takes the marker away when its owner goes off duty', async () => {
    await publish(nurse, { ...HERE, timestamp: now() });
    const gone = nextEvent(nurseJid(), (i) => i.name === 'retract');
    await runCommand(nurse, ops, COMMANDS.duty, { [F.onDuty]: 'false' });
    await gone;
    expect(Object.keys(itemsOf(await readItems(dispatcher)))).not.toContain(nurseJid());
    await runCommand(nurse, ops, COMMANDS.duty, { [F.onDuty]: 'true' });
  });

  it('takes the marker away when its owner disconnects (the unavailable presence)', async () => {
    const phone = await h.login('nurse');
    await phone.send(xml('presence', { to: ops }));
    await publish(phone, { ...HERE, timestamp: now() });
    const gone = nextEvent(nurseJid(), (i) => i.name === 'retract');
    await phone.stop();
    await gone;
    expect(Object.keys(itemsOf(await readItems(dispatcher)))).not.toContain(nurseJid());
  });
});

describe('site model', () => {
  it('gives staff the model, with the demo hospital seeded', async () => {
    const reply = await exchange(
      nurse,
      xml(
        'iq',
        { type: 'set', to: ops },
        xml('command', { xmlns: NS_COMMANDS, node: LOCATION_COMMANDS.site, action: 'execute' }),
      ),
    );
    const values = reply
      .getChild('command')!
      .getChild('x')!
      .getChildren('field')
      .find((f) => f.attrs.var === SITE_FIELDS.model)!
      .getChildren('value')
      .map((v) => v.text());
    const model = JSON.parse(values.join('\n'));
    expect(model.buildings.map((b: { id: string }) => b.id)).toEqual(['north', 'south']);
    expect(model.buildings.flatMap((b: { floors: unknown[] }) => b.floors)).toHaveLength(5);
  });

  it('lets admins replace it (audited), refuses others and a bad model with the problems, and validates against it', async () => {
    const model = (await h.component.store.site.get())!;
    const changed = {
      ...model,
      buildings: [
        {
          ...model.buildings[0]!,
          floors: [{ ...model.buildings[0]!.floors[0]!, rooms: [{ id: 'x-1', name: 'X', x: 0.5, y: 0.5 }] }],
        },
        ...model.buildings.slice(1),
      ],
    };
    const bySomeone = await runCommand(nurse, ops, LOCATION_COMMANDS.siteEdit, {});
    expect(condition(bySomeone)).toBe('forbidden');
    const bad = await runCommand(admin, ops, LOCATION_COMMANDS.siteEdit, {
      [SITE_FIELDS.model]: JSON.stringify({ ...changed, buildings: [{ id: 'Bad Id', name: '', floors: [] }] }),
    });
    expect(condition(bad)).toBe('bad-request');
    expect(text(bad)).toMatch(/buildings\.0\.id: must be a short id.*buildings\.0\.bounds/);
    expect((await h.component.store.site.get())!.buildings[0]!.floors).toHaveLength(3);

    // Staff online towards the component hear of the save at once, and read the model again.
    await dispatcher.send(xml('presence', { to: ops }));
    await new Promise((r) => setTimeout(r, 200)); // presence has no answer to wait for
    const announced = nextStanza(
      dispatcher,
      (el) => el.name === 'message' && !!el.getChild('site-changed', NS_LOCATION),
    );
    const opened = await versionNow();
    const ok = await runCommand(admin, ops, LOCATION_COMMANDS.siteEdit, {
      [SITE_FIELDS.model]: JSON.stringify(changed, null, 1).split('\n'),
      [SITE_FIELDS.version]: opened,
    });
    expect(ok.getChild('command')!.getChildText('note')).toMatch(/Saved the site model: 2 buildings/);
    const saved = versionOf(ok);
    expect(saved).not.toBe(opened);
    expect((await announced).attrs).toMatchObject({ type: 'headline', from: ops });
    // Who saved it, and the version, so that another admin's open editor knows whose change it is.
    expect((await announced).getChild('site-changed', NS_LOCATION)!.attrs).toMatchObject({
      by: `admin@${domain}`,
      version: saved,
    });
    // An editor opened before that save is refused, naming who saved; nothing changes. With the new version it saves.
    const stale = await runCommand(admin, ops, LOCATION_COMMANDS.siteEdit, {
      [SITE_FIELDS.model]: JSON.stringify(model),
      [SITE_FIELDS.version]: opened,
    });
    expect(condition(stale)).toBe('conflict');
    expect(text(stale)).toBe(
      `admin@${domain} saved the site model since you opened it. Nothing was saved; reload to see their change.`,
    );
    expect(await versionNow()).toBe(saved);
    const again = await runCommand(admin, ops, LOCATION_COMMANDS.siteEdit, {
      [SITE_FIELDS.model]: JSON.stringify(changed),
      [SITE_FIELDS.version]: saved,
    });
    expect(again.attrs.type).toBe('result');
    expect((await h.component.store.audit.list({ target: 'site', limit: 1 }))[0]!.actor).toBe(`admin@${domain}`);
    const gone = await publish(nurse, { building: 'north', floor: 'n1', room: 'n1-3', timestamp: now() });
    expect(text(gone)).toMatch(/no floor "n1"/);
    expect((await publish(nurse, { building: 'north', floor: 'n0', room: 'x-1', timestamp: now() })).attrs.type).toBe(
      'result',
    );
  });
});

/** The site model's version as `site` gives it now. */
const versionNow = async () =>
  versionOf(
    await exchange(
      nurse,
      xml(
        'iq',
        { type: 'set', to: ops },
        xml('command', { xmlns: NS_COMMANDS, node: LOCATION_COMMANDS.site, action: 'execute' }),
      ),
    ),
  );

/** The site model's version in a `site` or `site-edit` answer. */
function versionOf(reply: XmlElement): string {
  const field = reply
    .getChild('command')
    ?.getChild('x')
    ?.getChildren('field')
    .find((f) => f.attrs.var === SITE_FIELDS.version);
  return field?.getChildText('value') ?? '';
}

// Last, after every publish, refusal, stale marking and removal above.
it('writes no location in any log line, at debug level either', () => {
  const lines = log.lines();
  expect(lines.length).toBeGreaterThan(10);
  // -181 (the out-of-range longitude) not inside a hex run: a stanza id (a UUID) may hold "-181…".
  expect(lines.join('\n')).not.toMatch(/\b52\.00|\b4\.36|n1-3|n0-1|x-1|(?<![0-9a-f])-181(?![0-9a-f])/);
});
