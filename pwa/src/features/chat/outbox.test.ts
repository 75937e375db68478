import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openOutbox } from './outbox.ts';

const p = (id: string, owner: string, at: string) => ({ id, owner, peer: 'amara@h.example', body: `text ${id}`, at });

describe('outbox', () => {
  it("keeps each user's pending messages apart, oldest first, until removed", async () => {
    const dana = await openOutbox('dana@h.example');
    const priya = await openOutbox('priya@h.example');
    await dana.put(p('b', 'dana@h.example', '2026-11-24T10:00:02Z'));
    await dana.put(p('a', 'dana@h.example', '2026-11-24T10:00:01Z'));
    await priya.put(p('c', 'priya@h.example', '2026-11-24T10:00:00Z'));
    expect((await dana.all()).map((x) => x.id)).toEqual(['a', 'b']);
    await dana.remove('a');
    expect((await dana.all()).map((x) => x.id)).toEqual(['b']);
    expect((await priya.all()).map((x) => x.id)).toEqual(['c']);
  });

  it('survives reopening (a reload)', async () => {
    const first = await openOutbox('nurse@h.example');
    await first.put(p('z', 'nurse@h.example', '2026-11-24T10:00:00Z'));
    const again = await openOutbox('nurse@h.example');
    expect(await again.all()).toEqual([p('z', 'nurse@h.example', '2026-11-24T10:00:00Z')]);
  });
});
