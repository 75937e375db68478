// The wired services against protocol/fixtures: the golden stanzas in, the
// golden stanzas out (ignoring attribute order, whitespace and comments).
import { NS_BLEEP_ERRORS, NS_COMMANDS, NS_DISCO_ITEMS, NS_STANZAS } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, type ComponentConfig } from './config.ts';
import { seedDirectory } from './directory/seed.ts';
import { deliveryStanza } from './roles/codec.ts';
import { createLogger } from './log.ts';
import { buildServices } from './services.ts';
import { memoryStore } from './store/memory.ts';
import { canon, fixture } from './test-fixtures.ts';
import { IqCaller } from './xmpp/iq-caller.ts';
import { xml, type Element } from './xmpp/xml.ts';

const config = {
  componentSecret: 'a-long-enough-secret',
  domain: 'bleep.localhost',
  opsHost: 'ops.bleep.localhost',
  mucHost: 'conference.bleep.localhost',
  admins: ['admin@bleep.localhost'],
  location: { staleMs: 300_000, retentionMs: 43_200_000 },
  duty: { maxShiftMs: 43_200_000, warningMs: 900_000, extensionMs: 3_600_000 },
  limits: DEFAULT_LIMITS,
} as ComponentConfig;

async function services() {
  const store = memoryStore();
  await seedDirectory(
    store.directory,
    [{ jid: 'dispatcher@bleep.localhost', name: 'Dana Reyes', roles: ['dispatcher'], department: 'Dispatch' }],
    config.domain,
  );
  const send = () => {};
  return buildServices(config, store, createLogger('silent'), send, new IqCaller(send)).router;
}

describe('services answer like protocol/fixtures', () => {
  it('runs whoami to whoami-result.xml', async () => {
    const reply = (await (await services()).handle(fixture('whoami-execute.xml')))!;
    const command = reply.getChild('command', NS_COMMANDS)!;
    expect(command.attrs.sessionid).toMatch(/^[0-9a-f-]{36}$/);
    command.attrs.sessionid = 's1';
    expect(canon(reply)).toEqual(canon(fixture('whoami-result.xml')));
  });

  it("lists a staff member's commands exactly as in whoami-list.xml", async () => {
    const golden = fixture('whoami-list.xml');
    const ask = xml(
      'iq',
      { type: 'get', id: golden.attrs.id, from: golden.attrs.to, to: golden.attrs.from },
      xml('query', { xmlns: NS_DISCO_ITEMS, node: NS_COMMANDS }),
    );
    expect(canon((await (await services()).handle(ask))!)).toEqual(canon(golden));
  });

  it('refuses an unknown command as in error-unknown-command.xml', async () => {
    const golden = fixture('error-unknown-command.xml');
    const ask = xml(
      'iq',
      { type: 'set', id: golden.attrs.id, from: golden.attrs.to, to: golden.attrs.from },
      xml('command', { xmlns: NS_COMMANDS, node: 'no-such-command', action: 'execute' }),
    );
    expect(canon((await (await services()).handle(ask))!)).toEqual(canon(golden));
  });

  it('refuses the 31st role message in a minute as in error-rate-limited.xml', async () => {
    const router = await services();
    const golden = fixture('error-rate-limited.xml');
    const say = (id: string) =>
      xml('message', { type: 'chat', id, from: golden.attrs.to, to: golden.attrs.from }, xml('body', {}, 'Bed 4'));
    for (let i = 1; i <= 30; i++) await router.handle(say(`m${i}`)); // nobody on duty: refused, but counted
    expect(canon((await router.handle(say('m31')))!)).toEqual(canon(golden));
  });

  it('runs commands only for accounts of the domain (not-allowed, forbidden)', async () => {
    const router = await services();
    const callers = ['mallory@elsewhere.org/x', 'room@conference.bleep.localhost/nick', 'bleep.localhost'];
    // role-resolve names who is on duty: nobody outside the hospital learns it.
    for (const [from, node] of callers.flatMap((c) => [
      [c, 'whoami'],
      [c, 'role-resolve'],
    ])) {
      const ask = xml(
        'iq',
        { type: 'set', id: 'x1', from, to: config.opsHost },
        xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' }),
      );
      const error = (await router.handle(ask))!.getChild('error')!;
      expect(error.attrs.type).toBe('auth');
      expect(error.getChild('forbidden', NS_STANZAS)).toBeDefined();
      expect(error.getChild('not-allowed', NS_BLEEP_ERRORS)).toBeDefined();
    }
  });

  it('delivers a role message as role-delivered.xml (the PWA reads the same stanza)', () => {
    const golden = fixture('role-delivered.xml');
    const d = { id: 'd1', role: 'nurse', sender: 'dispatcher@bleep.localhost', reached: [], at: '' };
    const built = deliveryStanza(d, golden.attrs.from!, golden.attrs.to!, 'Dana Reyes', 'Bed 4 needs a check');
    expect(canon(built)).toEqual(canon(golden));
  });
});

describe('command sessions belong to their account', () => {
  it("a nurse opening many sessions cannot make an admin's open session fail", async () => {
    const router = await services();
    const command = (from: string, node: string, attrs: Record<string, string> = {}, ...children: Element[]) =>
      router.handle(
        xml(
          'iq',
          { type: 'set', id: 'c', from, to: config.opsHost },
          xml('command', { xmlns: NS_COMMANDS, node, ...attrs }, ...children),
        ),
      );
    const admin = 'admin@bleep.localhost/desk';
    const open = (await command(admin, 'directory-edit', { action: 'execute' }))!;
    const sessionid = open.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
    // On main this evicted the admin's session: one cap of 10,000 shared by everyone, oldest dropped first.
    const refusals = new Set<string>();
    for (let i = 0; i < 10_001; i++) {
      const reply = (await command('nurse@bleep.localhost/phone', 'directory', { action: 'execute' }))!;
      const key = reply
        .getChild('error')
        ?.getChildElements()
        .find((c) => c.attrs.xmlns === NS_BLEEP_ERRORS)?.name;
      if (key) refusals.add(key);
    }
    expect([...refusals].sort()).toEqual(['rate-limited', 'too-many-sessions']);
    const form = xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'jid' }, xml('value', {}, 'newcomer@bleep.localhost')),
      xml('field', { var: 'name' }, xml('value', {}, 'Jonas Weber')),
    );
    const saved = (await command(admin, 'directory-edit', { sessionid, action: 'complete' }, form))!;
    expect(saved.attrs.type).toBe('result');
    expect(saved.getChild('command', NS_COMMANDS)!.getChildText('note')).toBe('Saved Jonas Weber.');
  });
});

describe('a directory search answer is bounded', () => {
  it('lists at most the configured number of people, with a note to refine the search', async () => {
    const store = memoryStore();
    const people = Array.from({ length: 205 }, (_, i) => ({
      jid: `staff${i}@bleep.localhost`,
      name: `Staff ${String(i).padStart(3, '0')}`,
      roles: ['nurse'],
      department: 'Wards',
    }));
    await seedDirectory(store.directory, people, config.domain);
    const send = () => {};
    const router = buildServices(config, store, createLogger('silent'), send, new IqCaller(send)).router;
    const from = 'nurse@bleep.localhost/phone';
    const command = (attrs: Record<string, string>, ...children: Element[]) =>
      router.handle(
        xml(
          'iq',
          { type: 'set', id: 's', from, to: config.opsHost },
          xml('command', { xmlns: NS_COMMANDS, node: 'directory', ...attrs }, ...children),
        ),
      );
    const open = (await command({ action: 'execute' }))!.getChild('command', NS_COMMANDS)!;
    const submit = xml(
      'x',
      { xmlns: 'jabber:x:data', type: 'submit' },
      xml('field', { var: 'q' }, xml('value', {}, 'staff')),
    );
    const done = (await command({ sessionid: open.attrs.sessionid!, action: 'complete' }, submit))!.getChild(
      'command',
      NS_COMMANDS,
    )!;
    expect(done.getChild('x', 'jabber:x:data')!.getChildren('item')).toHaveLength(DEFAULT_LIMITS.directoryResults);
    expect(done.getChildText('note')).toBe(
      'Showing the first 200 of 205 people found. Refine your search (name, role or department) to see the others.',
    );
  });
});
