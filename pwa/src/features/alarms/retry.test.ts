// The retry rule of a queued alarm: only the component's own refusal drops it.
import { NS_BLEEP_ERRORS } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { refusalText } from '../forms/command.ts';
import { afterFailure, retryInMs } from './retry.ts';

const stanzaError = (condition: string, key = '') =>
  Object.assign(new Error(condition), {
    condition,
    text: '',
    ...(key ? { application: xml(key, { xmlns: NS_BLEEP_ERRORS }) } : {}),
  });

describe('a queued alarm that did not go', () => {
  it('stays queued when the service timed out or is away, and while offline', () => {
    const timeout = Object.assign(new Error('Timeout'), { name: 'TimeoutError' });
    expect(afterFailure(timeout, true)).toBe('away');
    expect(afterFailure(stanzaError('remote-server-timeout'), true)).toBe('away');
    expect(afterFailure(stanzaError('service-unavailable'), true)).toBe('away');
    expect(afterFailure(new Error('You are offline.'), false)).toBe('offline');
    expect(afterFailure(timeout, false)).toBe('offline');
  });

  it('stays queued, and is tried again, while the component is still starting', () => {
    const starting = Object.assign(stanzaError('service-unavailable', 'starting'), {
      text: 'Bleep is starting; try again in a few seconds.',
    });
    expect(afterFailure(starting, true)).toBe('away');
    expect(refusalText(starting, 'not raised')).toBe('Bleep is starting; try again in a few seconds.');
  });

  it('stays queued when the component could not send it out (its incident room was not made)', () => {
    expect(afterFailure(stanzaError('internal-server-error', 'alarm-not-raised'), true)).toBe('not-raised');
  });

  it('stays queued when the component failed inside (its `internal`, "try again"): the trigger is not lost', () => {
    expect(afterFailure(stanzaError('internal-server-error', 'internal'), true)).toBe('not-raised');
  });

  it("stays queued on Prosody's bounce for an away component (mod_component: wait, remote-server-timeout)", () => {
    const bounce = Object.assign(stanzaError('remote-server-timeout'), { type: 'wait', text: 'Component unavailable' });
    expect(afterFailure(bounce, true)).toBe('away');
  });

  it('is dropped, saying why, when the component does not handle it (`unsupported`: cancel, service-unavailable)', () => {
    const unsupported = Object.assign(stanzaError('service-unavailable', 'unsupported'), {
      type: 'cancel',
      text: 'This service does not handle that request. Use the ad-hoc commands it lists.',
    });
    expect(afterFailure(unsupported, true)).toBe('refused');
    expect(refusalText(unsupported, 'not raised')).toBe(
      'This service does not handle that request. Use the ad-hoc commands it lists.',
    );
  });

  it('is dropped only when the component refused it', () => {
    expect(afterFailure(stanzaError('forbidden', 'not-allowed'), true)).toBe('refused');
    expect(afterFailure(stanzaError('bad-request'), true)).toBe('refused');
  });

  it('is tried again soon, then no less often than every 30 s', () => {
    expect([0, 1, 2, 3, 4, 10].map(retryInMs)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});
