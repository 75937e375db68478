// An incident room's state through the one pipeline, from the protocol's golden
// stanza: only the component's occupant speaks for it; it stays a line of the
// room (its text), carrying the per-role tally the room's head shows.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { readStanza, type InboundContext } from '../inbound.ts';

const ROOM = 'alarm-k3v7q2ma@conference.bleep.localhost';
const golden = () =>
  parse(
    readFileSync(new URL('../../../../../protocol/fixtures/incident-state.xml', import.meta.url), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim(),
  ) as XmlElement;
const occupants: Record<string, string> = {
  [`${ROOM}/Bleep`]: 'ops.bleep.localhost',
  [`${ROOM}/jonas`]: 'doctor2@bleep.localhost',
};
const ctx: InboundContext = {
  me: 'nurse@bleep.localhost',
  mucHost: 'conference.bleep.localhost',
  opsHost: 'ops.bleep.localhost',
  occupant: (room, nick) => occupants[`${room}/${nick}`] ?? '',
};

describe('an incident room state', () => {
  it('is a line of the room with the tally per role, who declined and when it was triggered', () => {
    const ev = readStanza(golden(), ctx)!;
    expect(ev.conversation).toBe(ROOM);
    expect(ev.content).toEqual({
      kind: 'incident-state',
      body: 'Dr Jonas Weber: Acknowledge (12 s). Acknowledged: anaesthesia 1/1, nurse 0/2. Missing: 2 nurse.',
      state: {
        incident: 'k3v7q2ma',
        status: 'open',
        at: '2026-11-30T10:42:07.118Z',
        outcome: '',
        roles: [
          { role: 'anaesthesia', n: 1, by: ['doctor2@bleep.localhost'] },
          { role: 'nurse', n: 2, by: [] },
        ],
        declined: ['doctor1@bleep.localhost'],
      },
    });
  });

  it('from a member of the room is only that member’s text', () => {
    const forged = golden();
    forged.attrs.from = `${ROOM}/jonas`;
    expect(readStanza(forged, ctx)?.content.kind).toBe('text');
  });
});
