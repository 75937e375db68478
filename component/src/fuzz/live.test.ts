// What the fuzzed accounts learn to answer: rooms from invitations and room
// traffic, req-<id> addresses from requests and the posts that name them,
// command sessions from the component's replies; never from a bounce.
import { describe, expect, it } from 'vitest';
import { xml } from '@bleep/prosody-config/test-client';
import { NS_COMMANDS, NS_CONFERENCE, NS_MUC_USER } from '@bleep/protocol';
import { learn, newLive } from './live.ts';

const MUC = 'conference.h.example';
const OPS = 'ops.h.example';

describe('learn', () => {
  it('learns rooms from mediated and direct invitations and from room messages, on the MUC host only', () => {
    const live = newLive();
    const msg = (attrs: Record<string, string>, ...children: ReturnType<typeof xml>[]) =>
      learn(live, xml('message', attrs, ...children), MUC, OPS);
    const invite = xml('x', { xmlns: NS_MUC_USER }, xml('invite', { from: OPS }));
    // A new invitation is returned, to be entered; the same one again is not.
    expect(msg({ from: `dept-a@${MUC}` }, invite)).toEqual([`dept-a@${MUC}`]);
    expect(msg({ from: `dept-a@${MUC}` }, invite)).toEqual([]);
    expect(msg({ from: 'amara@h.example/x' }, xml('x', { xmlns: NS_CONFERENCE, jid: `alarm-b@${MUC}` }))).toEqual([
      `alarm-b@${MUC}`,
    ]);
    expect(msg({ from: `alarm-c@${MUC}/Bleep`, type: 'groupchat' }, xml('body', {}, 'Code Blue'))).toEqual([]);
    msg({ from: 'evil@elsewhere.example/x', type: 'groupchat' }, xml('body', {}, 'hi'));
    msg({ from: `alarm-c@${MUC}/Bleep`, type: 'groupchat' });
    expect(live.rooms).toEqual([`dept-a@${MUC}`, `alarm-b@${MUC}`, `alarm-c@${MUC}`]);
  });

  it('learns req-<id> addresses from requests and from text naming them, not from bounces', () => {
    const live = newLive();
    learn(live, xml('message', { from: `req-x1@${OPS}`, type: 'chat' }, xml('body', {}, 'Accept Patient?')), MUC, OPS);
    const post = `Code Blue. Type 1 here, or reply to req-y2@${OPS}.`;
    learn(live, xml('message', { from: `alarm-c@${MUC}/Bleep`, type: 'groupchat' }, xml('body', {}, post)), MUC, OPS);
    learn(live, xml('message', { from: `req-none@${OPS}`, type: 'error' }), MUC, OPS);
    learn(live, xml('message', { from: 'a@h.example/x' }, xml('body', {}, 'see req-z3@other.example')), MUC, OPS);
    expect(live.requests).toEqual([`req-x1@${OPS}`, `req-y2@${OPS}`]);
  });

  it('learns the sessions the component opened, keeping the newest 50', () => {
    const live = newLive();
    for (let i = 0; i < 60; i++)
      learn(
        live,
        xml(
          'iq',
          { type: 'result', from: OPS },
          xml('command', { xmlns: NS_COMMANDS, node: 'site-edit', sessionid: `s${i}`, status: 'executing' }),
        ),
        MUC,
        OPS,
      );
    learn(
      live,
      xml(
        'iq',
        { type: 'result' },
        xml('command', { xmlns: NS_COMMANDS, node: 'duty', sessionid: 'done', status: 'completed' }),
      ),
      MUC,
      OPS,
    );
    expect(live.sessions).toHaveLength(50);
    expect(live.sessions[0]).toEqual({ node: 'site-edit', sessionid: 's10' });
    expect(live.sessions.some((s) => s.sessionid === 'done')).toBe(false);
  });
});
