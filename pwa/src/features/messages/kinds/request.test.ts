// A request through the one pipeline, from the protocol's golden stanzas: who
// may speak for a request, where its line goes, and what its state says.
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import type { RequestState } from '@bleep/protocol';
import type { XmlElement } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import { messageStanza } from '../outbound.ts';
import { readStanza, type InboundContext } from '../inbound.ts';
import { parseAnswerRefusal } from './request-codec.ts';
import { answerOf, mayAnswer, newerState, statusLine, tallyLine } from './request-status.ts';

const fixture = (name: string) =>
  parse(
    readFileSync(new URL(`../../../../../protocol/fixtures/${name}`, import.meta.url), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .trim(),
  ) as XmlElement;

const OPS = 'ops.bleep.localhost';
const ROOM = 'ward-3@conference.bleep.localhost';
const ctx = (me: string, occupants: Record<string, string> = {}): InboundContext => ({
  me,
  mucHost: 'conference.bleep.localhost',
  opsHost: OPS,
  occupant: (room, nick) => occupants[`${room}/${nick}`] ?? '',
});
const kofi = ctx('anaesthetist@bleep.localhost');
const time = (iso: string) => iso.slice(11, 16);

describe('a request message', () => {
  it('shows in the chat with its real sender, known by its request id, with choices, fields, rule and state', () => {
    const ev = readStanza(fixture('request-message.xml'), kofi)!;
    expect(ev).toMatchObject({ type: 'chat', conversation: 'doctor@bleep.localhost', from: 'doctor@bleep.localhost' });
    expect(ev.id).toBe('req-k3v9q2mx');
    expect(ev.mine).toBe(false);
    if (ev.content.kind !== 'request') throw new Error(ev.content.kind);
    const r = ev.content.request;
    expect(r).toMatchObject({
      id: 'k3v9q2mx',
      jid: 'req-k3v9q2mx@ops.bleep.localhost',
      title: 'Accept Patient',
      rule: { kind: 'exclusive' },
      audience: { kind: 'role', role: 'anaesthesia' },
      senderName: 'Dr Amara Okafor',
      expires: '2026-11-24T10:57:00.000Z',
    });
    expect(r.choices).toEqual([
      { value: 'accept', label: 'Accept', style: 'primary', accepts: true },
      { value: 'decline', label: 'Decline', style: 'neutral', accepts: false },
    ]);
    expect(r.fields.map((f) => `${f.label}: ${f.value}`)).toEqual([
      'Patient: Ms Lee',
      'Bed: 12',
      'Note: post-op, stable',
    ]);
    expect(r.state).toMatchObject({ status: 'pending', addressed: 2, accepted: 0, answers: [] });
  });

  it("the sender's own copy goes in the chat it was sent from, as hers; without that chat, nowhere (Requests shows it)", () => {
    const amara = ctx('doctor@bleep.localhost');
    const ev = readStanza(fixture('request-message-own.xml'), amara)!;
    expect(ev).toMatchObject({ type: 'chat', conversation: 'kofi@bleep.localhost', id: 'req-k3v9q2mx', mine: true });
    expect(ev.content.kind).toBe('request');
    expect(readStanza(fixture('request-message.xml'), amara)).toBeUndefined();
    // Anyone else's copy naming a chat stays in the chat with its sender.
    expect(readStanza(fixture('request-message-own.xml'), kofi)).toMatchObject({
      conversation: 'doctor@bleep.localhost',
      mine: false,
    });
  });

  it('from anyone but its own address is that person’s text, not buttons', () => {
    const forged = fixture('request-message.xml');
    forged.attrs.from = 'doctor@bleep.localhost/phone';
    expect(readStanza(forged, kofi)?.content).toMatchObject({ kind: 'text' });
    const elsewhere = fixture('request-message.xml');
    elsewhere.attrs.from = 'req-other@ops.bleep.localhost'; // another request's address speaking for this one
    expect(readStanza(elsewhere, kofi)?.content.kind).not.toBe('request');
  });

  it('in a room stays in the room, from its sender, only when the component posted it', () => {
    const nurse = ctx('nurse@bleep.localhost', {
      [`${ROOM}/Bleep`]: OPS,
      [`${ROOM}/dana`]: 'dispatcher@bleep.localhost',
    });
    const ev = readStanza(fixture('request-quorum-room.xml'), nurse)!;
    expect(ev).toMatchObject({
      type: 'groupchat',
      conversation: ROOM,
      from: 'dispatcher@bleep.localhost',
      id: 'req-p7d2w4ja',
    });
    expect(ev.content).toMatchObject({ kind: 'request', request: { rule: { kind: 'quorum', n: 2 } } });
    // The sender sees it as theirs (no buttons for them).
    expect(readStanza(fixture('request-quorum-room.xml'), { ...nurse, me: 'dispatcher@bleep.localhost' })?.mine).toBe(
      true,
    );
    // A member posting the same payload is only text.
    const forged = fixture('request-quorum-room.xml');
    forged.attrs.from = `${ROOM}/dana`;
    expect(readStanza(forged, nurse)?.content.kind).toBe('text');
  });

  it('relayed back to its own sender has no chat to go in', () => {
    expect(readStanza(fixture('request-message.xml'), ctx('doctor@bleep.localhost'))).toBeUndefined();
  });
});

describe('a state update', () => {
  it('belongs to no conversation and carries the tally and the answers', () => {
    const ev = readStanza(fixture('request-state.xml'), ctx('doctor@bleep.localhost'))!;
    expect(ev.content).toEqual({
      kind: 'request-state',
      state: {
        id: 'k3v9q2mx',
        status: 'accepted',
        addressed: 2,
        accepted: 1,
        declined: 1,
        at: '2026-11-24T10:44:10.000Z',
        answers: [
          { by: 'nurse2@bleep.localhost', name: 'Lena Park', choice: 'decline', at: '2026-11-24T10:43:02.000Z' },
          {
            by: 'anaesthetist@bleep.localhost',
            name: 'Dr Kofi Mensah',
            choice: 'accept',
            at: '2026-11-24T10:44:10.000Z',
          },
        ],
      },
    });
  });

  it('from a person is not a state', () => {
    const forged = fixture('request-state.xml');
    forged.attrs.from = 'nurse2@bleep.localhost/pwa';
    expect(readStanza(forged, ctx('doctor@bleep.localhost'))?.content.kind).toBe('text');
  });
});

describe('the answer and its refusal', () => {
  it('is the golden answer: to the request’s address, the label as body, the choice as value', () => {
    const el = messageStanza(
      { jid: 'req-k3v9q2mx@ops.bleep.localhost', type: 'chat' },
      { kind: 'request-answer', choice: 'accept', label: 'Accept' },
      'a1',
    );
    const golden = fixture('request-answer.xml');
    delete golden.attrs.from;
    expect(el.toString()).toBe(golden.toString().replace(/>\s+</g, '><'));
  });

  it('reads a refusal from the request’s address with its text', () => {
    expect(parseAnswerRefusal(fixture('request-error-closed.xml'), OPS)).toEqual({
      id: 't2',
      jid: 'req-k3v9q2mx@ops.bleep.localhost',
      text: 'This request is closed: accepted by Dr Kofi Mensah at 10:44 UTC. Your answer was not recorded.',
    });
    const other = fixture('request-error-closed.xml');
    other.attrs.from = 'doctor@bleep.localhost';
    expect(parseAnswerRefusal(other, OPS)).toBeUndefined();
  });
});

const request = () => {
  const ev = readStanza(fixture('request-message.xml'), kofi)!;
  if (ev.content.kind !== 'request') throw new Error('not a request');
  return ev.content.request;
};
const stateOf = (name: string) => {
  const ev = readStanza(fixture(name), ctx('doctor@bleep.localhost'))!;
  if (ev.content.kind !== 'request-state') throw new Error('not a state');
  return ev.content.state;
};

describe('what a state says', () => {
  it('exclusive: "Accepted by … at …" once taken; the others can no longer answer', () => {
    const r = request();
    const taken = stateOf('request-state.xml');
    expect(statusLine(r, r.state, time)).toBe('Waiting for an answer');
    expect(statusLine(r, taken, time)).toBe('Accepted by Dr Kofi Mensah at 10:44');
    expect(tallyLine(taken)).toBe('1 accepted · 1 declined · 0 waiting');
    expect(mayAnswer(r, r.state, 'nurse2@bleep.localhost')).toBe(true);
    expect(mayAnswer(r, taken, 'nurse2@bleep.localhost')).toBe(false);
    expect(answerOf(taken, 'anaesthetist@bleep.localhost')).toBe('accept');
    // The sender is not asked.
    expect(mayAnswer(r, r.state, 'doctor@bleep.localhost')).toBe(false);
  });

  it('quorum, each, expired, escalated, withdrawn and resolved in words; a withdrawn or resolved one takes no answer', () => {
    const r = request();
    const s = (status: RequestState['status'], accepted = 1): RequestState => ({
      ...r.state,
      status,
      accepted,
      at: '2026-11-24T10:57:00.000Z',
    });
    expect(statusLine({ ...r, rule: { kind: 'quorum', n: 2 } }, s('pending'), time)).toBe('Waiting: 1 of 2 needed');
    expect(statusLine({ ...r, rule: { kind: 'each' } }, s('pending'), time)).toBe('Waiting: 1 of 2 answered');
    expect(statusLine(r, s('expired', 0), time)).toBe('Expired at 10:57, 0 accepted');
    expect(statusLine(r, s('escalated', 0), time)).toBe('Escalated at 10:57: still waiting');
    expect(statusLine(r, s('withdrawn', 0), time)).toBe('Withdrawn at 10:57: it did not go out');
    expect(mayAnswer(r, s('withdrawn', 0), 'anaesthetist@bleep.localhost')).toBe(false);
    expect(statusLine(r, s('resolved'), time)).toBe('Resolved at 10:57, 1 accepted');
    expect(mayAnswer(r, s('resolved'), 'anaesthetist@bleep.localhost')).toBe(false);
  });

  it('the newer state wins whatever order they come in; a closed request never reopens', () => {
    const pending = request().state;
    const taken = stateOf('request-state.xml');
    expect(newerState(pending, taken)).toBe(taken);
    expect(newerState(taken, pending)).toBe(taken);
    const oneAnswer = { ...pending, declined: 1, answers: [taken.answers[0]!] };
    expect(newerState(oneAnswer, pending)).toBe(oneAnswer);
    expect(newerState(pending, oneAnswer)).toBe(oneAnswer);
  });
});
