import { describe, expect, it } from 'vitest';
import { Online } from './online.ts';
import { parseCaller } from './xmpp/router.ts';

const from = (jid: string) => parseCaller(jid)!;

describe('Online', () => {
  it("ends every session of a person on Prosody's unavailable from the bare JID (a probe's answer)", () => {
    const online = new Online();
    online.presence(from('nurse@h.example/phone'), undefined);
    online.presence(from('nurse@h.example/laptop'), undefined);
    online.presence(from('dana@h.example/phone'), undefined);
    expect(online.presence(from('nurse@h.example'), 'unavailable')).toBe(true);
    expect(online.isOnline('nurse@h.example')).toBe(false);
    expect(online.all()).toEqual(['dana@h.example/phone']);
  });

  it('keeps a person online until their last session goes', () => {
    const online = new Online();
    online.presence(from('nurse@h.example/phone'), undefined);
    online.presence(from('nurse@h.example/laptop'), undefined);
    expect(online.presence(from('nurse@h.example/phone'), 'unavailable')).toBe(false);
    expect(online.isOnline('nurse@h.example')).toBe(true);
  });
});
