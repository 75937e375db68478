// Live directory updates as the PWA reads them: a changed entry, or a deleted one.
import { NS_DIRECTORY } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseDirectoryUpdate } from './codec.ts';

const OPS = 'ops.bleep.localhost';
const headline = (from: string, payload: ReturnType<typeof xml>) =>
  xml('message', { type: 'headline', from, to: 'nurse@bleep.localhost/pwa' }, payload);

describe('parseDirectoryUpdate', () => {
  it('reads a changed entry', () => {
    const entry = xml(
      'entry',
      { xmlns: NS_DIRECTORY, jid: 'a@bleep.localhost', name: 'A', 'on-duty': 'true', online: 'false' },
      xml('role', {}, 'nurse'),
    );
    expect(parseDirectoryUpdate(headline(OPS, entry), OPS)).toMatchObject({
      entry: { jid: 'a@bleep.localhost', name: 'A', roles: ['nurse'], onDuty: true, online: false },
    });
  });

  it('reads a deleted entry as its address', () => {
    const removed = xml('removed', { xmlns: NS_DIRECTORY, jid: 'a@bleep.localhost' });
    expect(parseDirectoryUpdate(headline(OPS, removed), OPS)).toEqual({ removed: 'a@bleep.localhost' });
  });

  it('believes only the component', () => {
    const removed = xml('removed', { xmlns: NS_DIRECTORY, jid: 'a@bleep.localhost' });
    expect(parseDirectoryUpdate(headline('mallory@bleep.localhost', removed), OPS)).toBeUndefined();
  });
});
