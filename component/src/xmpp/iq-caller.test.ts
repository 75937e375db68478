import { NS_STANZAS } from '@bleep/protocol';
import { describe, expect, it } from 'vitest';
import { IqCaller, IqError } from './iq-caller.ts';
import { xml, type Element } from './xml.ts';

describe('IqCaller', () => {
  it("rejects an error answer with its condition and the server's text, for the log and the caller", async () => {
    const sent: Element[] = [];
    const caller = new IqCaller((el) => sent.push(el));
    const asked = caller.request(xml('iq', { type: 'set', to: 'room@conference.h' }, xml('query')));
    const id = sent[0]!.attrs.id!;
    const error = xml(
      'error',
      { type: 'cancel' },
      xml('bad-request', { xmlns: NS_STANZAS }),
      xml('text', { xmlns: NS_STANZAS }, 'Form is not of type room configuration'),
    );
    expect(caller.take(xml('iq', { type: 'error', id }, error))).toBe(true);
    const err = await asked.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(IqError);
    expect(err).toMatchObject({ message: 'bad-request', text: 'Form is not of type room configuration' });
  });
});
