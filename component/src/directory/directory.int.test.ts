// Issue #3 directory on a real Prosody: search by name, role and department,
// duty, admin edits, and live updates to clients online towards the component.
import { COMMANDS, DIRECTORY_FIELDS as F, NS_COMMANDS, NS_DIRECTORY, NS_DISCO_ITEMS } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, runCommand, startHarness, tableRows, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let domain: string;
let dispatcher: Client;
let nurse: Client;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  dispatcher = await h.login('dispatcher');
  nurse = await h.login('nurse');
});
afterAll(() => h?.stop());

const command = (attrs: Record<string, string>) =>
  xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, ...attrs }));
const run = (client: Client, node: string, fields: Record<string, string | string[]>) =>
  runCommand(client, ops, node, fields);

const rows = tableRows;
const names = async (fields: Record<string, string>) =>
  rows(await run(dispatcher, COMMANDS.directory, fields)).map((r) => r[F.name]![0]);

function nextUpdate(client: Client): Promise<XmlElement> {
  return new Promise((resolve) =>
    client.on('stanza', ((el: XmlElement) => {
      const entry = el.name === 'message' ? el.getChild('entry', NS_DIRECTORY) : undefined;
      if (entry) resolve(entry);
    }) as never),
  );
}

describe('staff directory', () => {
  it('finds colleagues by name, role and department, case-insensitively', async () => {
    expect(await names({})).toEqual(['Alex Morgan', 'Dana Reyes', 'Priya Shah']);
    expect(await names({ [F.query]: 'PRIYA' })).toEqual(['Priya Shah']);
    expect(await names({ [F.roles]: 'dispatcher' })).toEqual(['Dana Reyes']);
    expect(await names({ [F.department]: 'emerg' })).toEqual(['Priya Shah']);
    expect(await names({ [F.query]: 'nobody by that name' })).toEqual([]);
  });

  it('puts a duty change live to colleagues online towards the component', async () => {
    await dispatcher.send(xml('presence', { to: ops }));
    await new Promise((r) => setTimeout(r, 200)); // presence has no answer to wait for
    const update = nextUpdate(dispatcher);
    const done = await run(nurse, COMMANDS.duty, { [F.onDuty]: 'true' });
    expect(done.getChild('command', NS_COMMANDS)!.getChildText('note')).toBe('You are on duty.');
    const entry = await update;
    expect(entry.attrs).toMatchObject({ jid: `nurse@${domain}`, name: 'Priya Shah', 'on-duty': 'true' });
    expect(entry.getChildren('role').map((r) => r.text())).toEqual(['nurse']);
    expect(await names({ [F.onDuty]: 'true' })).toEqual(['Priya Shah']);
  });

  it('lets only admins edit entries; the change reaches online colleagues', async () => {
    const list = await exchange(
      nurse,
      xml('iq', { type: 'get', to: ops }, xml('query', { xmlns: NS_DISCO_ITEMS, node: NS_COMMANDS })),
    );
    expect(
      list
        .getChild('query', NS_DISCO_ITEMS)!
        .getChildren('item')
        .map((i) => i.attrs.node),
    ).not.toContain(COMMANDS.directoryEdit);
    const refused = await exchange(nurse, command({ node: COMMANDS.directoryEdit, action: 'execute' }));
    expect(refused.getChild('error')?.getChild('forbidden')).toBeDefined();

    const admin = await h.login('admin');
    const update = nextUpdate(dispatcher);
    const fields = {
      [F.jid]: `newcomer@${domain}`,
      [F.name]: 'Jonas Weber',
      [F.roles]: ['doctor', 'anaesthesia'],
      [F.department]: 'Anaesthesia',
      [F.extension]: '2210',
    };
    const saved = await run(admin, COMMANDS.directoryEdit, fields);
    expect(saved.attrs.type).toBe('result');
    expect((await update).attrs).toMatchObject({ name: 'Jonas Weber', extension: '2210', 'on-duty': 'false' });
    expect(await names({ [F.roles]: 'anaesthesia' })).toEqual(['Jonas Weber']);
  });

  it('shows who is online: a colleague coming and going reaches everyone online', async () => {
    const online = async () =>
      Object.fromEntries(
        rows(await run(dispatcher, COMMANDS.directory, {})).map((r) => [r[F.name]![0], r[F.online]![0]]),
      );
    expect(await online()).toMatchObject({ 'Dana Reyes': 'true', 'Priya Shah': 'false' });
    const cameOnline = nextUpdate(dispatcher);
    await nurse.send(xml('presence', { to: ops }));
    expect((await cameOnline).attrs).toMatchObject({ jid: `nurse@${domain}`, online: 'true' });
    expect(await online()).toMatchObject({ 'Priya Shah': 'true' });
    // A second session changes nothing; only the last one leaving does.
    const second = await h.login('nurse');
    await second.send(xml('presence', { to: ops }));
    await second.stop();
    expect(await online()).toMatchObject({ 'Priya Shah': 'true' });
    const wentAway = nextUpdate(dispatcher);
    await nurse.send(xml('presence', { to: ops, type: 'unavailable' }));
    expect((await wentAway).attrs).toMatchObject({ jid: `nurse@${domain}`, online: 'false' });
    expect(await online()).toMatchObject({ 'Priya Shah': 'false' });
  });

  it('refuses a bad edit with every problem and changes nothing', async () => {
    const admin = await h.login('admin');
    const badRole = await run(admin, COMMANDS.directoryEdit, {
      [F.jid]: `nurse@${domain}`,
      [F.name]: 'Renamed',
      [F.roles]: ['Bad Role'],
    });
    expect(badRole.getChild('error')!.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(/Bad Role/);
    expect(await names({ [F.query]: 'priya' })).toEqual(['Priya Shah']);
    const reply = await run(admin, COMMANDS.directoryEdit, {
      [F.jid]: 'not an address',
      [F.name]: '',
      [F.roles]: ['Bad Role'],
    });
    expect(reply.attrs.type).toBe('error');
    const text = reply.getChild('error')!.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas');
    expect(text).toMatch(/Name is required/);
    expect(text).toMatch(/address like name@hospital/);
    expect(await names({})).toHaveLength(4);
  });

  // Issue #14: each of these was saved before.
  const badAddresses = (d: string): [string, RegExp][] => [
    [`f"z<&'@${d}`, /Address: the part before @ may not contain "/],
    [`fz\u202e@${d}`, /Address: the part before @ contains a direction control \(U\+202E\)/],
    ['fz@evil.example', /Address: "fz@evil\.example" is not an account of this hospital/],
    [`fz@ops.${d}`, /Address: "fz@ops\.bleep\.localhost" is not an account of this hospital/],
  ];
  it('refuses addresses Prosody refuses or outside the hospital, naming the field, and stores nothing', async () => {
    const admin = await h.login('admin');
    const before = await h.component.store.directory.list();
    for (const [jid, why] of badAddresses(domain)) {
      const reply = await run(admin, COMMANDS.directoryEdit, { [F.jid]: jid, [F.name]: 'Fz' });
      expect(reply.attrs.type, jid).toBe('error');
      expect(reply.getChild('error')!.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas'), jid).toMatch(why);
    }
    expect(await h.component.store.directory.list()).toEqual(before);
  });

  it('refuses a name with a direction control, and keeps the entry as it was', async () => {
    const admin = await h.login('admin');
    const reply = await run(admin, COMMANDS.directoryEdit, {
      [F.jid]: `nurse@${domain}`,
      [F.name]: 'Priya \u202eShah',
    });
    expect(reply.getChild('error')!.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(
      /Name: contains a direction control \(U\+202E\)/,
    );
    expect((await h.component.store.directory.get(`nurse@${domain}`))?.name).toBe('Priya Shah');
  });

  it('keeps an audit record of each admin edit: who, what, when, before and after', async () => {
    const admin = await h.login('admin');
    const started = new Date().toISOString();
    await run(admin, COMMANDS.directoryEdit, {
      [F.jid]: `nurse@${domain}`,
      [F.name]: 'Priya Shah',
      [F.roles]: ['nurse', 'anaesthesia'],
      [F.department]: 'Emergency',
      [F.extension]: '4711',
    });
    const [last] = await h.component.store.audit.list({ target: `nurse@${domain}`, limit: 1 });
    expect(last).toMatchObject({
      actor: `admin@${domain}`,
      action: COMMANDS.directoryEdit,
      target: `nurse@${domain}`,
      before: { name: 'Priya Shah', roles: ['nurse'], extension: '' },
      after: { name: 'Priya Shah', roles: ['anaesthesia', 'nurse'], extension: '4711' },
    });
    expect(last!.at >= started).toBe(true);
    // Server admins read it with directory-audit, in words.
    const table = rows(await exchange(admin, command({ node: COMMANDS.directoryAudit, action: 'execute' })));
    expect(table[0]).toMatchObject({
      actor: [`admin@${domain}`],
      target: [`nurse@${domain}`],
      change: ['roles: nurse → anaesthesia, nurse; extension:  → 4711'],
    });
  });
});
