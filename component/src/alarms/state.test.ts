// The incident's state on a room post is the golden stanza's <incident/>
// (protocol/fixtures/incident-state.xml), which the PWA's test reads: the
// contract both sides are held to.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import { expect, it } from 'vitest';
import { roleTally } from '../responses/roles.ts';
import type { Incident } from '../store/types.ts';
import type { Element } from '../xmpp/xml.ts';
import { roomPost } from './codec.ts';
import { incidentState } from './state.ts';
import { ALARM_CHOICES } from '@bleep/protocol';

it('posts the per-role tally, the declines and the trigger time as the golden stanza has them', () => {
  const golden = parse(
    readFileSync(new URL('../../../protocol/fixtures/incident-state.xml', import.meta.url), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replace(/>\s+</g, '><')
      .trim(),
  ) as Element;
  const i = {
    id: 'k3v7q2ma',
    status: 'open',
    created: '2026-11-30T10:42:07.118Z',
    preset: {
      ack: [
        { role: 'anaesthesia', n: 1 },
        { role: 'nurse', n: 2 },
      ],
    },
  } as unknown as Incident;
  const answers = [
    { by: 'doctor2@bleep.localhost', name: 'Dr Jonas Weber', choice: 'acknowledge', at: '2026-11-30T10:42:19Z' },
    { by: 'doctor1@bleep.localhost', name: 'Dr Amara Okafor', choice: 'decline', at: '2026-11-30T10:42:25Z' },
  ];
  const roles: Record<string, string[]> = { 'doctor2@bleep.localhost': ['doctor', 'anaesthesia'] };
  const t = roleTally(i.preset.ack, ALARM_CHOICES, answers, (j) => roles[j] ?? []);
  const post = roomPost('ops.bleep.localhost', 'alarm-k3v7q2ma@conference.bleep.localhost', 'x', incidentState(i, t));
  expect(post.getChild('incident')!.toString()).toBe(golden.getChild('incident')!.toString());
});
