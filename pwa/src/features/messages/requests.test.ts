// Requests in the messages store (fake-connection.ts): a request and its later
// states, in whatever order, change its line in place wherever it is shown
// (the list preview too); one tap sends one answer; a refusal shows its text.
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import parse from '@xmpp/xml/lib/parse.js';
import type { XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { preview } from './content.ts';
import { fakeClient, link, type FakeClient } from './fake-connection.ts';
import { useMessages } from './messages.store.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('./fake-connection.ts'));

// The golden stanzas, moved to the fake connection's domain.
const fixture = (name: string) =>
  parse(
    readFileSync(new URL(`../../../../protocol/fixtures/${name}`, import.meta.url), 'utf8')
      .replace(/<!--[\s\S]*?-->/g, '')
      .replaceAll('bleep.localhost', 'h.example')
      .trim(),
  ) as XmlElement;

const KOFI = 'anaesthetist@h.example';
const AMARA = 'doctor@h.example';
const ROOM = 'ward-3@conference.h.example';
const settle = () => new Promise((r) => setTimeout(r, 0));

let store: ReturnType<typeof useMessages>;
let client: FakeClient;

beforeEach(async () => {
  link.reset();
  setActivePinia(createPinia());
  store = useMessages();
  client = fakeClient(KOFI);
  await link.ready(client);
});

const line = () => store.conversations.get(AMARA)!.lines.find((l) => l.id === 'req-k3v9q2mx')!;
const request = () => {
  const c = line().content;
  if (c.kind !== 'request') throw new Error(c.kind);
  return c.request;
};

describe('a request in the store', () => {
  it('shows once in the chat with its sender and takes each later state in place, the list preview too', async () => {
    link.stanza(fixture('request-message.xml'));
    await settle();
    expect(request().state.status).toBe('pending');
    expect(preview(line().content)).toBe('Accept Patient: Waiting for an answer');

    link.stanza(fixture('request-state.xml'));
    await settle();
    expect(request().state).toMatchObject({ status: 'accepted', accepted: 1, declined: 1 });
    expect(preview(line().content)).toMatch(/^Accept Patient: Accepted by Dr Kofi Mensah at \d?\d:44( [AP]M)?$/);
    // The request again (an archive page after the live state): still one line, still accepted.
    link.stanza(fixture('request-message.xml'));
    await settle();
    expect(store.conversations.get(AMARA)!.lines).toHaveLength(1);
    expect(request().state.status).toBe('accepted');
    // No conversation with the request's address.
    expect([...store.conversations.keys()]).toEqual([AMARA]);
  });

  it('a state that came before its request is not lost', async () => {
    link.stanza(fixture('request-state.xml'));
    link.stanza(fixture('request-message.xml'));
    await settle();
    expect(request().state.status).toBe('accepted');
    expect(store.requestStates.get('k3v9q2mx')?.status).toBe('accepted');
  });

  it('in a room, every member sees the room’s copy change', async () => {
    store.identify((room, nick) => (room === ROOM && nick === 'Bleep' ? 'ops.h.example' : ''));
    link.stanza(fixture('request-quorum-room.xml'));
    const state = fixture('request-state.xml');
    const s = state.getChild('state')!;
    Object.assign(s.attrs, { id: 'p7d2w4ja', accepted: '2', status: 'accepted' });
    Object.assign(state.attrs, { from: `${ROOM}/Bleep`, type: 'groupchat' });
    link.stanza(state);
    await settle();
    const room = store.conversations.get(ROOM)!.lines[0]!;
    expect(room.content).toMatchObject({ kind: 'request', request: { state: { status: 'accepted', accepted: 2 } } });
  });
});

describe('answering', () => {
  it('one tap sends one answer to the request’s address; a refusal shows its text and nothing else changes', async () => {
    link.stanza(fixture('request-message.xml'));
    await settle();
    const r = request();
    await store.answer(r, r.choices[0]!);
    const sent = client.sent.filter((s) => s.name === 'message');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.attrs.to).toBe('req-k3v9q2mx@ops.h.example');
    expect(sent[0]!.getChild('answer')?.attrs.choice).toBe('accept');
    const id = sent[0]!.attrs.id!;
    expect(store.answers.get('k3v9q2mx')).toEqual({ choice: 'accept', id, error: '' });

    const refusal = fixture('request-error-closed.xml');
    refusal.attrs.id = id;
    link.stanza(refusal);
    await settle();
    expect(store.answers.get('k3v9q2mx')?.error).toMatch(/^This request is closed: accepted by Dr Kofi Mensah/);
    expect(request().state.status).toBe('pending');
  });

  it('offline, the answer is not sent and the user is told', async () => {
    link.stanza(fixture('request-message.xml'));
    await settle();
    link.offline();
    const r = request();
    await store.answer(r, r.choices[0]!);
    expect(client.sent.filter((s) => s.name === 'message')).toHaveLength(0);
    expect(store.answers.get('k3v9q2mx')?.error).toMatch(/offline/);
  });
});
