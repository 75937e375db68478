import { NS_OMEMO } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { encryptedElement, parseEncrypted } from './codec.ts';
import { parseBundle, parseDeviceList, publishBundle } from './pep.ts';

const enc = (...header: XmlElement[]) =>
  xml('encrypted', { xmlns: NS_OMEMO }, xml('header', { sid: '42' }, ...header), xml('payload', {}, 'AAAA'));
const iv = xml('iv', {}, 'AAAAAAAAAAAAAAAA');

describe('<encrypted/> (XEP-0384 0.3 §4.5)', () => {
  it('reads what it writes, prekey flags included', () => {
    const e = {
      sid: 7,
      keys: [
        { rid: 1, prekey: true, data: new Uint8Array([1, 2]) },
        { rid: 2, prekey: false, data: new Uint8Array([3]) },
      ],
      iv: new Uint8Array(12).fill(9),
      payload: new Uint8Array([4, 5, 6]),
    };
    expect(parseEncrypted(encryptedElement(e))).toEqual({ ok: true, value: e });
  });

  it('takes prekey="1" as Conversations once wrote it, and a key-transport message without payload', () => {
    const kt = xml(
      'encrypted',
      { xmlns: NS_OMEMO },
      xml('header', { sid: '42' }, xml('key', { rid: '5', prekey: '1' }, 'AQI='), iv),
    );
    const got = parseEncrypted(kt);
    expect(got.ok && got.value.keys[0]!.prekey).toBe(true);
    expect(got.ok && got.value.payload).toBeUndefined();
  });

  it.each([
    ['no header', xml('encrypted', { xmlns: NS_OMEMO }, xml('payload', {}, 'AAAA'))],
    ['a sender id that is not a device id', xml('encrypted', { xmlns: NS_OMEMO }, xml('header', { sid: 'x' }, iv))],
    ['no iv', enc(xml('key', { rid: '1' }, 'AQI='))],
    ['a short iv', enc(xml('key', { rid: '1' }, 'AQI='), xml('iv', {}, 'AAAA'))],
    ['a key without rid', enc(xml('key', {}, 'AQI='), iv)],
    ['a key with rid 0', enc(xml('key', { rid: '0' }, 'AQI='), iv)],
    ['a key with a rid past 2^31', enc(xml('key', { rid: '4294967296' }, 'AQI='), iv)],
    ['a key that is not base64', enc(xml('key', { rid: '1' }, '***'), iv)],
    ['an empty key', enc(xml('key', { rid: '1' }), iv)],
    [
      'a payload that is not base64',
      xml('encrypted', { xmlns: NS_OMEMO }, xml('header', { sid: '1' }, iv), xml('payload', {}, 'a$b')),
    ],
  ])('refuses %s as malformed', (_what, el) => {
    expect(parseEncrypted(el)).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('PEP nodes (§4.2, §4.3)', () => {
  it('reads a device list, skipping bad ids and repeats', () => {
    const items = xml(
      'items',
      {},
      xml(
        'item',
        { id: 'current' },
        xml('list', { xmlns: NS_OMEMO }, ...['12', 'x', '12', '0', '99'].map((id) => xml('device', { id }))),
      ),
    );
    expect(parseDeviceList(items)).toEqual([12, 99]);
    expect(parseDeviceList(undefined)).toEqual([]);
  });

  it('reads the bundle it publishes, and refuses one without prekeys', () => {
    const b = {
      identityKey: new Uint8Array([5, 1]),
      signedPreKey: { id: 1, key: new Uint8Array([5, 2]), signature: new Uint8Array([3]) },
      preKeys: [{ id: 1, key: new Uint8Array([5, 4]) }],
    };
    const items = publishBundle(9, b).getChild('pubsub')!.getChild('publish')!;
    expect(items.attrs.node).toBe(`${NS_OMEMO}.bundles:9`);
    expect(parseBundle(items)).toEqual(b);
    expect(
      parseBundle(
        publishBundle(9, { ...b, preKeys: [] })
          .getChild('pubsub')!
          .getChild('publish'),
      ),
    ).toBeUndefined();
  });
});
