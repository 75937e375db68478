// The component against a real Prosody: connects, lists and runs whoami,
// refuses bad input with error stanzas and keeps running, reconnects after
// Prosody restarts. Runs on SQLite (int) and PostgreSQL (int-pg).
import {
  COMMANDS,
  FORM_WHOAMI,
  NS_BLEEP_ERRORS,
  NS_COMMANDS,
  NS_DATA,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
  NS_STANZAS,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exchange, startHarness, xml, type Harness } from './test-support.ts';

let h: Harness;
let ops: string;
let dispatcher: Client;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  dispatcher = await h.login('dispatcher');
});
afterAll(() => h?.stop());

const execute = (node: string, attrs: Record<string, string> = {}) =>
  xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, action: 'execute', ...attrs }));

function form(reply: XmlElement): Record<string, string[]> {
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  return Object.fromEntries(
    x.getChildren('field').map((f) => [f.attrs.var!, f.getChildren('value').map((v) => v.text())]),
  );
}

function errorOf(reply: XmlElement) {
  const e = reply.getChild('error');
  const elements = childElements(e);
  return {
    type: reply.attrs.type,
    condition: elements.find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name,
    text: e?.getChildText('text', NS_STANZAS) ?? '',
    key: elements.find((c) => c.attrs.xmlns === NS_BLEEP_ERRORS)?.name,
  };
}

function childElements(e: XmlElement | undefined): XmlElement[] {
  const children = (e as unknown as { children?: (XmlElement | string)[] } | undefined)?.children ?? [];
  return children.filter((c): c is XmlElement => typeof c !== 'string');
}

async function whoamiOf(client: Client) {
  const reply = await exchange(client, execute(COMMANDS.whoami));
  expect(reply.attrs.type).toBe('result');
  expect(reply.getChild('command', NS_COMMANDS)!.attrs.status).toBe('completed');
  return form(reply);
}

describe('component on Prosody', () => {
  it('answers disco#info as the Bleep operations service with ad-hoc commands', async () => {
    const reply = await exchange(
      dispatcher,
      xml('iq', { type: 'get', to: ops }, xml('query', { xmlns: NS_DISCO_INFO })),
    );
    const q = reply.getChild('query', NS_DISCO_INFO)!;
    expect(q.getChild('identity')!.attrs.name).toBe('Bleep operations');
    expect(q.getChildren('feature').map((f) => f.attrs.var)).toContain(NS_COMMANDS);
  });

  it('lists whoami among the commands a staff member may run', async () => {
    const reply = await exchange(
      dispatcher,
      xml('iq', { type: 'get', to: ops }, xml('query', { xmlns: NS_DISCO_ITEMS, node: NS_COMMANDS })),
    );
    const items = reply.getChild('query', NS_DISCO_ITEMS)!.getChildren('item');
    expect(items.map((i) => [i.attrs.jid, i.attrs.node])).toContainEqual([ops, COMMANDS.whoami]);
  });

  it('runs whoami: name, roles and department from the directory', async () => {
    const f = await whoamiOf(dispatcher);
    expect(f).toMatchObject({
      FORM_TYPE: [FORM_WHOAMI],
      jid: [`dispatcher@${h.prosody.settings.domain}`],
      name: ['Dana Reyes'],
      roles: ['dispatcher'],
      department: ['Dispatch'],
    });
  });

  it("gives Prosody's admins the admin role even when the directory does not", async () => {
    const f = await whoamiOf(await h.login('admin'));
    expect(f.roles).toEqual(['admin']);
    expect(f.name).toEqual(['Alex Morgan']);
  });

  it('answers an account the directory does not know yet with its name and no roles', async () => {
    const f = await whoamiOf(await h.login('newcomer'));
    expect(f).toMatchObject({ name: ['newcomer'], roles: [], department: [''] });
  });
});

describe('bad input gets an error stanza and the component keeps running', () => {
  // key undefined: Prosody itself refuses it before it reaches the component (RFC 6120 §8.2.3).
  const cases: [string, () => XmlElement, string, string | undefined][] = [
    ['an unknown command', () => execute('no-such-command'), 'item-not-found', 'unknown-command'],
    ['an unknown action', () => execute(COMMANDS.whoami, { action: 'explode' }), 'bad-request', 'bad-stanza'],
    [
      'a session that does not exist',
      () => execute(COMMANDS.whoami, { action: 'next', sessionid: 'nope' }),
      'bad-request',
      'unknown-session',
    ],
    ['an IQ set with no payload', () => xml('iq', { type: 'set', to: ops }), 'bad-request', undefined],
    [
      'a command sent as a get',
      () => xml('iq', { type: 'get', to: ops }, xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.whoami })),
      'service-unavailable',
      'unsupported',
    ],
    [
      'an IQ with two payloads',
      () =>
        xml(
          'iq',
          { type: 'get', to: ops },
          xml('query', { xmlns: NS_DISCO_INFO }),
          xml('query', { xmlns: NS_DISCO_ITEMS }),
        ),
      'bad-request',
      undefined,
    ],
    [
      'an unknown payload',
      () => xml('iq', { type: 'get', to: ops }, xml('garbage', { xmlns: 'urn:x:nope' }, '<&>')),
      'service-unavailable',
      'unsupported',
    ],
    [
      'a huge payload',
      () => xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node: 'x'.repeat(50_000) })),
      'item-not-found',
      'unknown-command',
    ],
  ];
  for (const [what, stanza, condition, key] of cases)
    it(`refuses ${what} with ${condition} and a readable text`, async () => {
      const e = errorOf(await exchange(dispatcher, stanza()));
      expect(e).toMatchObject({ type: 'error', condition, key });
      expect(e.text.length).toBeGreaterThan(20);
      expect((await whoamiOf(dispatcher)).name).toEqual(['Dana Reyes']);
    });

  it('answers a chat message with an error that says what the service is for', async () => {
    const got = new Promise<XmlElement>((resolve) =>
      dispatcher.on(
        'stanza',
        ((el: XmlElement) => el.name === 'message' && el.attrs.type === 'error' && resolve(el)) as never,
      ),
    );
    await dispatcher.send(xml('message', { to: ops, type: 'chat', id: 'm1' }, xml('body', {}, 'hello?')));
    const e = errorOf(await got);
    expect(e).toMatchObject({ condition: 'service-unavailable', key: 'unsupported' });
    expect(e.text).toMatch(/commands/);
  });
});

describe('restarts', () => {
  it('reconnects after Prosody restarts, and answers again', async () => {
    await h.prosody.restart();
    const client = await h.login('nurse');
    await expect
      .poll(async () => (await whoamiOf(client).catch(() => ({ name: [] }))).name, { timeout: 20_000, interval: 500 })
      .toEqual(['Priya Shah']);
  });
});
