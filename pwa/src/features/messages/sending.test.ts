import { NS_SID } from '@bleep/protocol';
import { xml } from '@xmpp/client';
import { describe, expect, it } from 'vitest';
import type { Outbox, Pending } from './outbox.ts';
import { Sending } from './sending.ts';

/** An outbox in memory whose writes finish only when told to. */
function slowOutbox() {
  const kept = new Map<string, Pending>();
  const finish: (() => void)[] = [];
  const outbox: Outbox = {
    put: (p) => new Promise((resolve) => finish.push(() => (kept.set(p.id, p), resolve()))),
    remove: async (id) => void kept.delete(id),
    all: async () => [...kept.values()],
    clear: async () => kept.clear(),
  };
  const finishWrites = async () => {
    await new Promise((r) => setTimeout(r, 0)); // the outbox opens first
    finish.splice(0).forEach((f) => f());
  };
  return { outbox, kept, finishWrites };
}
const pending = (id: string): Pending => ({
  id,
  owner: 'dana@h.example',
  to: 'amara@h.example',
  type: 'chat',
  content: { kind: 'text', body: 'hi' },
  at: 'T',
});
const stanza = (id: string) => xml('message', {}, xml('origin-id', { xmlns: NS_SID, id }));

describe('sending through the outbox', () => {
  it('takes a message out of the outbox only after the write that stored it, even when the ack is first', async () => {
    const { outbox, kept, finishWrites } = slowOutbox();
    const sending = new Sending(async () => outbox);
    await sending.send('o1', async () => {});
    const stored = sending.keep(pending('o1'));
    expect(sending.settle('ack', stanza('o1'))).toBe('o1');
    await finishWrites();
    await stored;
    await new Promise((r) => setTimeout(r, 0));
    expect(kept.has('o1')).toBe(false);
  });

  it('sends each message once per stream, and keeps one the server never acknowledged', async () => {
    const { outbox, kept, finishWrites } = slowOutbox();
    const sending = new Sending(async () => outbox);
    const stored = sending.keep(pending('o2'));
    await finishWrites();
    await stored;
    let sent = 0;
    await sending.send('o2', async () => void sent++);
    await sending.send('o2', async () => void sent++);
    expect(sent).toBe(1);
    expect(sending.settle('fail', stanza('o2'))).toBeUndefined();
    expect(kept.has('o2')).toBe(true);
    sending.reset();
    await sending.send('o2', async () => void sent++);
    expect(sent).toBe(2);
    expect(sending.settle('ack', stanza('someone-elses'))).toBeUndefined();
  });
});
