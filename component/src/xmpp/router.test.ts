import { NS_BLEEP_ERRORS, NS_PUBSUB, NS_STANZAS } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { BleepError } from './errors.ts';
import { parseCaller, Router } from './router.ts';
import { xml } from './xml.ts';

const from = 'nurse@h.example/phone';
const iq = (type: string, ...children: ReturnType<typeof xml>[]) =>
  xml('iq', { type, id: 'q1', from, to: 'ops.h.example' }, ...children);

function condition(reply: ReturnType<typeof xml> | undefined) {
  const e = reply?.getChild('error');
  return {
    type: reply?.attrs.type,
    to: reply?.attrs.to,
    id: reply?.attrs.id,
    condition: e?.getChildElements().find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== 'text')?.name,
    key: e?.getChildElements().find((c) => c.attrs.xmlns === NS_BLEEP_ERRORS)?.name,
  };
}

describe('router', () => {
  const internal: unknown[] = [];
  const router = new Router({ onInternalError: (e) => internal.push(e) })
    .iq('get', 'urn:t', 'echo', ({ caller, payload }) =>
      xml('echo', { xmlns: 'urn:t', who: caller.bare, n: payload.attrs.n }),
    )
    .iq('get', 'urn:t', 'refuse', () => {
      throw new BleepError('not-allowed');
    })
    .iq('get', 'urn:t', 'crash', () => {
      throw new Error('boom');
    });

  it('answers a routed IQ with a result addressed back to the caller', async () => {
    const r = await router.handle(iq('get', xml('echo', { xmlns: 'urn:t', n: '7' })));
    expect(r?.attrs).toMatchObject({ type: 'result', id: 'q1', to: from, from: 'ops.h.example' });
    expect(r?.getChild('echo', 'urn:t')?.attrs).toMatchObject({ who: 'nurse@h.example', n: '7' });
  });

  it('turns a BleepError into its registry error, without repeating the request (issue #14)', async () => {
    const r = await router.handle(iq('get', xml('refuse', { xmlns: 'urn:t' }, 'x'.repeat(100_000))));
    expect(condition(r)).toEqual({ type: 'error', to: from, id: 'q1', condition: 'forbidden', key: 'not-allowed' });
    expect(r?.getChild('refuse', 'urn:t')).toBeUndefined();
    expect(r!.toString().length).toBeLessThan(1000);
  });

  it('turns a crash into internal-server-error and reports it', async () => {
    const r = await router.handle(iq('get', xml('crash', { xmlns: 'urn:t' })));
    expect(condition(r).condition).toBe('internal-server-error');
    expect(internal).toHaveLength(1);
  });

  it('refuses an IQ without exactly one payload, or of an unknown type', async () => {
    expect(condition(await router.handle(iq('set'))).key).toBe('bad-stanza');
    expect(condition(await router.handle(iq('get', xml('a', { xmlns: 'x' }), xml('b', { xmlns: 'x' })))).key).toBe(
      'bad-stanza',
    );
    expect(condition(await router.handle(iq('poke', xml('echo', { xmlns: 'urn:t' })))).key).toBe('bad-stanza');
  });

  it('answers an unrouted IQ with service-unavailable', async () => {
    expect(condition(await router.handle(iq('set', xml('echo', { xmlns: 'urn:t' })))).condition).toBe(
      'service-unavailable',
    );
  });

  it('never answers an error or a result', async () => {
    expect(await router.handle(iq('error', xml('echo', { xmlns: 'urn:t' })))).toBeUndefined();
    expect(await router.handle(iq('result'))).toBeUndefined();
    expect(await router.handle(xml('message', { type: 'error', from }))).toBeUndefined();
  });

  it('answers a chat message with an error and ignores presence', async () => {
    expect(condition(await router.handle(xml('message', { type: 'chat', from }, xml('body', {}, 'hi')))).key).toBe(
      'unsupported',
    );
    expect(await router.handle(xml('presence', { from }))).toBeUndefined();
  });

  it("never answers a room's notice of an affiliation change (an error back gets the component kicked)", async () => {
    const notice = xml(
      'message',
      { from: 'alarm-x@conference.h.example', to: 'ops.h.example' },
      xml(
        'x',
        { xmlns: 'http://jabber.org/protocol/muc#user' },
        xml('item', { jid: 'a@h.example', affiliation: 'member' }),
      ),
    );
    expect(await router.handle(notice)).toBeUndefined();
  });

  it('parses callers into bare, lower-case JIDs and their domain', () => {
    expect(parseCaller('Nurse@H.Example/Phone')).toMatchObject({ bare: 'nurse@h.example', domain: 'h.example' });
    expect(parseCaller('conference.h.example')).toMatchObject({
      bare: 'conference.h.example',
      domain: 'conference.h.example',
    });
    expect(parseCaller(undefined)).toBeUndefined();
  });
});

describe('router routes', () => {
  it('refuses a second handler for the same route at start, naming it', () => {
    const r = new Router().iq('get', 'urn:t', 'echo', () => undefined);
    expect(() => r.iq('get', 'urn:t', 'echo', () => undefined)).toThrow(
      /Two handlers for the IQ route "get urn:t echo"/,
    );
    r.pubsub('locations', () => undefined);
    expect(() => r.pubsub('locations', () => undefined)).toThrow(/pubsub node "locations"/);
    r.address('alarms', async () => {});
    expect(() => r.address('alarms', async () => {})).toThrow(/the address "alarms"/);
    r.address({ prefix: 'req-' }, async () => {});
    expect(() => r.address({ prefix: 'req-x' }, async () => {})).toThrow(/overlaps "req-"/);
    r.address({ others: true }, async () => {});
    expect(() => r.address({ others: true }, async () => {})).toThrow(/every other address/);
  });

  it('never answers presence, even when a handler throws or rejects; each failure is reported', async () => {
    const internal: unknown[] = [];
    const later: string[] = [];
    const r = new Router({ onInternalError: (e) => internal.push(e) })
      .presence(() => {
        throw new Error('sync');
      })
      .presence(async () => {
        throw new Error('async, e.g. the database is away');
      })
      .presence((c) => void later.push(c.bare));
    expect(await r.handle(xml('presence', { from, to: 'ops.h.example' }))).toBeUndefined();
    expect(internal.map((e) => (e as Error).message)).toEqual(['sync', 'async, e.g. the database is away']);
    expect(later).toEqual(['nurse@h.example']);
  });

  it("hands a room's refusal of the component's join (a presence error) to its handlers alone, unanswered", async () => {
    const refused: string[] = [];
    const presences: string[] = [];
    const r = new Router()
      .presence((c) => void presences.push(c.bare))
      .presenceError((p) => void refused.push(p.attrs.from ?? ''));
    const room = 'alarm-x@conference.h.example/ops';
    const error = xml(
      'error',
      { type: 'cancel' },
      xml('not-allowed', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }),
    );
    expect(await r.handle(xml('presence', { from: room, to: 'ops.h.example', type: 'error' }, error))).toBeUndefined();
    expect(refused).toEqual([room]);
    // Not a presence of someone coming or going (the directory counts those), and other errors reach nobody.
    expect(presences).toEqual([]);
    expect(await r.handle(xml('message', { from: room, type: 'error' }, error))).toBeUndefined();
    expect(refused).toEqual([room]);
  });
});

describe('pubsub by node', () => {
  const seen: string[] = [];
  const r = new Router()
    .pubsub('locations', ({ action, node, caller }) => {
      seen.push(`${node} ${action} ${caller.bare}`);
      return undefined;
    })
    .pubsub('push', ({ action, element }) =>
      xml('pubsub', { xmlns: NS_PUBSUB }, xml(action, { node: element.attrs.node })),
    );
  const ps = (type: string, action: string, node?: string) =>
    iq(type, xml('pubsub', { xmlns: NS_PUBSUB }, xml(action, node ? { node } : {}), xml('publish-options')));

  it('hands each action to the handler of its node', async () => {
    expect((await r.handle(ps('set', 'publish', 'locations')))?.attrs.type).toBe('result');
    expect((await r.handle(ps('get', 'items', 'locations')))?.attrs.type).toBe('result');
    const reply = await r.handle(ps('set', 'subscribe', 'push'));
    expect(reply?.getChild('pubsub', NS_PUBSUB)?.getChild('subscribe')?.attrs.node).toBe('push');
    expect(seen).toEqual(['locations publish nurse@h.example', 'locations items nurse@h.example']);
  });

  it('refuses an unknown node with item-not-found naming it', async () => {
    const reply = await r.handle(ps('set', 'publish', 'nope'));
    expect(condition(reply)).toMatchObject({ condition: 'item-not-found', key: 'unknown-node' });
    expect(reply?.getChild('error')?.getChildText('text', NS_STANZAS)).toMatch(/no pubsub node "nope"/);
  });

  it('refuses a request without a node, or an action in the wrong IQ type', async () => {
    expect(condition(await r.handle(ps('set', 'publish'))).condition).toBe('bad-request');
    expect(condition(await r.handle(ps('get', 'publish', 'locations'))).condition).toBe('bad-request');
    expect(condition(await r.handle(ps('set', 'configure', 'locations'))).condition).toBe('bad-request');
  });
});

describe('addresses under the component', () => {
  const got: string[] = [];
  const r = new Router()
    .address('alarms', async (_c, _s, local) => void got.push(`alarms ${local}`))
    .address({ prefix: 'req-' }, async (_c, _s, local) => void got.push(`requests ${local}`))
    .address({ others: true }, async (_c, _s, local) => void got.push(`role ${local}`));
  const msg = (to: string) => xml('message', { type: 'chat', from, to, id: 'm' }, xml('body', {}, 'hi'));

  it('sends each local part to its owner, and every other one to the fallback', async () => {
    for (const to of ['alarms@ops.h', 'req-42@ops.h', 'Nurse@ops.h']) expect(await r.handle(msg(to))).toBeUndefined();
    expect(got).toEqual(['alarms alarms', 'requests req-42', 'role nurse']);
  });

  it("refuses a service's address when no service holds it: item-not-found saying what it is not", async () => {
    const reply = await r.handle(msg('requests@ops.h'));
    expect(condition(reply)).toMatchObject({ condition: 'item-not-found', key: 'unknown-address' });
    expect(reply?.getChild('error')?.getChildText('text', NS_STANZAS)).toMatch(/kept for a Bleep service/);
  });
});
