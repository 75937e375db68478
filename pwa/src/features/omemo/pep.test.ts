// A PEP notification of a device list (XEP-0163 §4.3) is told apart from anything else.
import { NODE_OMEMO_DEVICES, NS_OMEMO, NS_PUBSUB } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { deviceListChanged } from './pep.ts';

const event = (from: string, node = NODE_OMEMO_DEVICES) =>
  xml(
    'message',
    { from, type: 'headline' },
    xml(
      'event',
      { xmlns: `${NS_PUBSUB}#event` },
      xml(
        'items',
        { node },
        xml('item', { id: 'current' }, xml('list', { xmlns: NS_OMEMO }, xml('device', { id: '7' }))),
      ),
    ),
  );

describe('deviceListChanged', () => {
  it("names the owner of a device list's notification", () => {
    expect(deviceListChanged(event('Nurse@bleep.localhost'))).toBe('nurse@bleep.localhost');
  });

  it('ignores another node, a full JID (not the PEP service) and a plain message', () => {
    expect(deviceListChanged(event('nurse@bleep.localhost', 'urn:xmpp:avatar:metadata'))).toBeUndefined();
    expect(deviceListChanged(event('nurse@bleep.localhost/pwa'))).toBeUndefined();
    expect(deviceListChanged(xml('message', { from: 'nurse@bleep.localhost' }, xml('body', {}, 'hi')))).toBeUndefined();
  });
});
