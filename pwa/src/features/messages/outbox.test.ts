import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { beforeEach, describe, expect, it } from 'vitest';
import type { MessageContent } from './content.ts';
import { openOutbox, type Pending } from './outbox.ts';

const p = (id: string, owner: string, at: string, content: MessageContent = { kind: 'text', body: `text ${id}` }) =>
  ({ id, owner, to: 'amara@h.example', type: 'chat', content, at }) satisfies Pending;

beforeEach(async () => {
  await new Promise((resolve) => {
    const req = indexedDB.deleteDatabase('bleep');
    req.onsuccess = req.onerror = req.onblocked = resolve;
  });
});

describe('outbox', () => {
  it("keeps each account's pending messages apart, oldest first, until removed", async () => {
    const dana = await openOutbox('dana@h.example');
    const priya = await openOutbox('priya@h.example');
    await dana.put(p('b', 'dana@h.example', '2026-11-24T10:00:02Z'));
    await dana.put(p('a', 'dana@h.example', '2026-11-24T10:00:01Z'));
    await priya.put(p('c', 'priya@h.example', '2026-11-24T10:00:00Z'));
    expect((await dana.all()).map((x) => x.id)).toEqual(['a', 'b']);
    await dana.remove('a');
    await dana.remove('c'); // Priya's: not Dana's to remove
    expect((await dana.all()).map((x) => x.id)).toEqual(['b']);
    expect((await priya.all()).map((x) => x.id)).toEqual(['c']);
    await expect(dana.put(p('d', 'priya@h.example', 'T'))).rejects.toThrow(/another account/);
  });

  it("clears one account's messages at sign-out and leaves the others'", async () => {
    const dana = await openOutbox('dana@h.example');
    const priya = await openOutbox('priya@h.example');
    await dana.put(p('a', 'dana@h.example', '2026-11-24T10:00:01Z'));
    await priya.put(p('c', 'priya@h.example', '2026-11-24T10:00:00Z'));
    await dana.clear();
    expect(await (await openOutbox('dana@h.example')).all()).toEqual([]);
    expect((await priya.all()).map((x) => x.id)).toEqual(['c']);
  });

  it('keeps any content, and survives reopening (a reload)', async () => {
    const first = await openOutbox('nurse@h.example');
    const correction = p('z', 'nurse@h.example', '2026-11-24T10:00:00Z', {
      kind: 'correction',
      replaces: 'y',
      body: 'Bed 5',
    });
    await first.put(correction);
    expect(await (await openOutbox('nurse@h.example')).all()).toEqual([correction]);
  });

  it('reads what the text-only version 1 kept', async () => {
    const v1 = await openDB('bleep', 1, {
      upgrade: (db) => db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('owner', 'owner'),
    });
    await v1.put('outbox', {
      id: 'o1',
      owner: 'dana@h.example',
      peer: 'ward@conference.h.example',
      type: 'groupchat',
      body: 'Bed 4',
      at: 'T',
    });
    await v1.put('outbox', { id: 'o2', owner: 'dana@h.example', peer: 'amara@h.example', body: 'Hi', at: 'U' });
    v1.close();
    expect(await (await openOutbox('dana@h.example')).all()).toEqual([
      {
        id: 'o1',
        owner: 'dana@h.example',
        to: 'ward@conference.h.example',
        type: 'groupchat',
        content: { kind: 'text', body: 'Bed 4' },
        at: 'T',
      },
      {
        id: 'o2',
        owner: 'dana@h.example',
        to: 'amara@h.example',
        type: 'chat',
        content: { kind: 'text', body: 'Hi' },
        at: 'U',
      },
    ]);
  });
});
