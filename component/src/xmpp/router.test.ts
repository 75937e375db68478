import { NS_BLEEP_ERRORS, NS_STANZAS } from '@bleep/protocol';
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

  it('parses callers into bare, lower-case JIDs and their domain', () => {
    expect(parseCaller('Nurse@H.Example/Phone')).toMatchObject({ bare: 'nurse@h.example', domain: 'h.example' });
    expect(parseCaller('conference.h.example')).toMatchObject({
      bare: 'conference.h.example',
      domain: 'conference.h.example',
    });
    expect(parseCaller(undefined)).toBeUndefined();
  });
});
