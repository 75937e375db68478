// Which bounces from the operations service are "not now" (sent again) and which are an answer.
import { NS_BLEEP_ERRORS, NS_STANZAS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseBounce } from './bounce.ts';

const OPS = 'ops.h.example';
const bounce = (type: string, condition: string, key: string, text: string) =>
  xml(
    'message',
    { type: 'error', from: `nurse@${OPS}`, id: 'm1' },
    xml(
      'error',
      { type },
      xml(condition, { xmlns: NS_STANZAS }),
      xml('text', { xmlns: NS_STANZAS }, text),
      xml(key, { xmlns: NS_BLEEP_ERRORS }),
    ),
  );

describe('a bounce from the operations service', () => {
  it('is sent again while the component is still starting, saying so', () => {
    const text = 'Bleep is starting; try again in a few seconds.';
    expect(parseBounce(bounce('wait', 'service-unavailable', 'starting', text), OPS)).toEqual({
      id: 'm1',
      transient: true,
      reason: text,
    });
  });

  it('is an answer when the component refused it (nobody on duty)', () => {
    const b = parseBounce(bounce('cancel', 'recipient-unavailable', 'nobody-on-duty', 'Nobody holds this role.'), OPS);
    expect(b?.transient).toBe(false);
  });
});
