// Which bounces from the operations service are "not now" (sent again) and which are an answer.
import { NS_BLEEP_ERRORS, NS_STANZAS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseBounce, resendAfter } from './bounce.ts';

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

  it("is sent again while the component is away: Prosody's bounce, with no Bleep key (the rule of serviceAway)", () => {
    const away = xml(
      'message',
      { type: 'error', from: `nurse@${OPS}`, id: 'm2' },
      xml(
        'error',
        { type: 'wait' },
        xml('remote-server-timeout', { xmlns: NS_STANZAS }),
        xml('text', { xmlns: NS_STANZAS }, 'Component unavailable'),
      ),
    );
    expect(parseBounce(away, OPS)).toEqual({
      id: 'm2',
      transient: true,
      reason: 'The operations service could not be reached.',
    });
    // Its database away for a moment (type wait) is "not now"; the same condition to cancel is an answer.
    expect(parseBounce(bounce('wait', 'internal-server-error', 'internal', 'Try again.'), OPS)?.transient).toBe(true);
    expect(parseBounce(bounce('cancel', 'internal-server-error', 'internal', 'Broken.'), OPS)?.transient).toBe(false);
  });

  it("is an answer when the component itself says it cannot (service-unavailable with its key, not 'starting')", () => {
    const b = parseBounce(bounce('cancel', 'service-unavailable', 'unsupported', 'Not supported here.'), OPS);
    expect(b?.transient).toBe(false);
  });

  it('is an answer when the component refused it (nobody on duty)', () => {
    const b = parseBounce(bounce('cancel', 'recipient-unavailable', 'nobody-on-duty', 'Nobody holds this role.'), OPS);
    expect(b?.transient).toBe(false);
  });
});

describe('sending again while the service is away', () => {
  it('waits 1, 2, 4, 8, 16 s, then every 30 s, and never gives up (a restart may take minutes)', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 100].map(resendAfter)).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });
});
