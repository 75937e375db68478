// A message an outbound step will send only if the user says so (AskFirst:
// OMEMO's "it cannot be encrypted for them", issue #11). It never goes by
// itself, not even when tried again; its line says why and offers the choice;
// "Send unencrypted" sends it with the user's choice on it (the step then
// lets it go, and its lock shows it open); "Cancel" drops it.
import 'fake-indexeddb/auto';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageContent } from './content.ts';
import { fakeClient, link, type FakeClient } from './fake-connection.ts';
import { useMessages } from './messages.store.ts';
import { AskFirst } from './outbound.ts';
import { openOutbox } from './outbox.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('./fake-connection.ts'));

const DANA = 'dana@h.example';
const OMAR = 'omar@h.example';
const REASON = 'Not sent yet: it cannot be encrypted (no device). Send it unencrypted, or cancel.';

let store: ReturnType<typeof useMessages>;
let dana: FakeClient;
/** What the step was given each time, as the OMEMO step sees it. */
let seen: MessageContent[];

const tick = (ms = 0) => vi.advanceTimersByTimeAsync(ms);
const settle = async () => {
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  await tick();
};
const bodies = () => dana.sent.filter((s) => s.getChildText('body')).map((s) => s.getChildText('body'));
const line = () => store.conversations.get(OMAR)!.lines[0]!;

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.stubGlobal('document', { visibilityState: 'visible' });
  link.reset();
  setActivePinia(createPinia());
  store = useMessages();
  await (await openOutbox(DANA)).clear();
  seen = [];
  // The OMEMO step's rule, in small: what the user wrote goes only with their choice on it.
  store.useOutbound(async (stanza, _to, content) => {
    seen.push(content);
    if (content.kind === 'text' && !content.plain) throw new AskFirst(REASON);
    return stanza;
  });
  dana = fakeClient(DANA);
  await link.ready(dana);
  await settle();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('a message that cannot be encrypted', () => {
  it('waits, saying why, and is not sent by itself, even when tried again', async () => {
    await store.send(OMAR, 'chat', 'Bed 4 potassium 6.8');
    await settle();
    expect(line()).toMatchObject({ status: 'pending', held: REASON, ask: true });
    for (let second = 0; second < 60; second++) {
      await tick(1_000);
      await settle();
    }
    // Tried again (a device may have come: then it goes encrypted): after 3, 6, 9, 12, then every 15 s, not every 3 s.
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThanOrEqual(7);
    expect(bodies()).toEqual([]);
  });

  it('"Send unencrypted" sends it with the choice on it, and its line stops asking', async () => {
    await store.send(OMAR, 'chat', 'Bed 4 potassium 6.8');
    await settle();
    await store.sendUnencrypted(OMAR, line().id);
    await settle();
    expect(bodies()).toEqual(['Bed 4 potassium 6.8']);
    expect(seen.at(-1)).toEqual({ kind: 'text', body: 'Bed 4 potassium 6.8', plain: true });
    expect(line()).toMatchObject({ held: '', ask: false, security: 'plain' });
    // A reload would send it as chosen: the outbox keeps the choice.
    expect((await (await openOutbox(DANA)).all()).map((p) => p.content)).toEqual([seen.at(-1)]);
  });

  it('"Cancel" drops it: never sent, gone from the outbox', async () => {
    await store.send(OMAR, 'chat', 'Bed 4 potassium 6.8');
    await settle();
    await store.discard(OMAR, line().id);
    await tick(60_000);
    await settle();
    expect(bodies()).toEqual([]);
    expect(store.conversations.get(OMAR)!.lines).toEqual([]);
    expect(await (await openOutbox(DANA)).all()).toEqual([]);
  });

  it('a message sent with the choice already made (a role message) goes at once', async () => {
    await store.send(OMAR, 'chat', 'To on-duty nurse: bed 4', true);
    await settle();
    expect(bodies()).toEqual(['To on-duty nurse: bed 4']);
  });
});
