// What the app makes of the component's shift notices (the stanzas as
// component/src/shifts/notices.ts sends them), and of anyone else's.
import { NS_DUTY } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { parseShiftNotice } from './shift.ts';

const OPS = 'ops.bleep.localhost';
const headline = (from: string, child: ReturnType<typeof xml>) =>
  xml('message', { type: 'headline', from, to: 'nurse@bleep.localhost' }, xml('body', {}, 'Your shift…'), child);
const ending = (attrs: Record<string, string>) => xml('shift-ending', { xmlns: NS_DUTY, ...attrs });

describe('shift notices', () => {
  it('reads the warning with its end and whether it can still be extended', () => {
    const ends = '2026-11-30T20:00:00.000Z';
    expect(parseShiftNotice(headline(OPS, ending({ ends, extendable: 'true' })), OPS)).toEqual({
      kind: 'ending',
      ends: new Date(ends),
      extendable: true,
    });
    expect(parseShiftNotice(headline(OPS, ending({ ends, extendable: 'false' })), OPS)).toMatchObject({
      extendable: false,
    });
  });

  it('reads the end of a shift', () => {
    const ended = xml('shift-ended', { xmlns: NS_DUTY, ended: '2026-11-30T20:00:00.000Z' });
    expect(parseShiftNotice(headline(OPS, ended), OPS)).toEqual({ kind: 'ended' });
  });

  it('takes nothing from anyone but the component, nor a warning without a usable end', () => {
    const ends = '2026-11-30T20:00:00.000Z';
    expect(parseShiftNotice(headline('mallory@bleep.localhost', ending({ ends })), OPS)).toBeUndefined();
    expect(parseShiftNotice(headline(OPS, ending({ ends: 'soon' })), OPS)).toBeUndefined();
    expect(parseShiftNotice(xml('message', { from: OPS }, xml('body', {}, 'hi')), OPS)).toBeUndefined();
  });
});
