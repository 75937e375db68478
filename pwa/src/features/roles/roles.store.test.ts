// Writing to a role, encryption off, while the operations service is away for a moment
// (issue #14): a bounce that means "not now" (Prosody's remote-server-timeout
// while the component is disconnected, service-unavailable, the component's
// internal-server-error) sends the same message again, with the same id, after
// 1 s, 2 s, 4 s… up to every 30 s, for as long as the service is away, saying
// that it has not gone yet (issue #14: a restart takes longer than a few seconds).
// A refusal that is an answer (nobody on duty) is shown at once and not sent again.
import 'fake-indexeddb/auto';
import { NS_STANZAS } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, link, type FakeClient } from '../messages/fake-connection.ts';
import { useRoles } from './roles.store.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('../messages/fake-connection.ts'));
// Encryption off (it could not start): the message goes through the component (encrypted.test.ts: on).
vi.mock('../omemo/index.ts', () => ({ useOmemo: () => ({ session: async () => null }) }));

const OPS = 'ops.h.example';
let client: FakeClient;
let roles: ReturnType<typeof useRoles>;

beforeEach(async () => {
  // setImmediate stays real: IndexedDB (the messages store's outbox) runs on it.
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  link.reset();
  setActivePinia(createPinia());
  roles = useRoles();
  client = fakeClient('dana@h.example');
  await link.ready(client);
});
afterEach(() => vi.useRealTimers());

/** Sends as the user does: asked first, as encryption is off here, they choose to send it anyway (issue #11). */
async function send(role: string, text: string): Promise<void> {
  const sending = roles.send(role, text);
  await vi.waitFor(() => expect(roles.unencrypted).not.toBeNull());
  roles.sendUnencrypted();
  await sending;
}
const toRole = () => client.sent.filter((s) => s.name === 'message' && s.attrs.to === `nurse@${OPS}`);
function bounce(id: string, condition: string, type: string, text?: string): XmlElement {
  return xml(
    'message',
    { type: 'error', from: `nurse@${OPS}`, to: 'dana@h.example/pwa', id },
    xml(
      'error',
      { type },
      xml(condition, { xmlns: NS_STANZAS }),
      ...(text ? [xml('text', { xmlns: NS_STANZAS }, text)] : []),
    ),
  );
}
const reached = (id: string) =>
  xml(
    'message',
    { type: 'chat', from: `nurse@${OPS}`, to: 'dana@h.example/pwa' },
    xml(
      'reached',
      { xmlns: 'urn:bleep:role:0', id: 'd1', role: 'nurse', 'in-reply-to': id },
      xml('person', { jid: 'priya@h.example', name: 'Priya Shah' }),
    ),
  );

describe('a role message while the operations service is away', () => {
  it('is sent again with the same id after 1, 2, 4, 8, 16 s, then every 30 s, never given up, saying it has not gone', async () => {
    await send('nurse', 'Bed 4 needs a check');
    const id = toRole()[0]!.attrs.id!;
    for (const [wait, tries] of [
      [1000, 2],
      [2000, 3],
      [4000, 4],
      [8000, 5],
      [16000, 6],
      [30000, 7],
      [30000, 8],
    ] as const) {
      link.stanza(bounce(id, 'remote-server-timeout', 'wait', 'Component unavailable'));
      expect(roles.retrying).toBe(
        'Your message to nurse has not gone yet. The operations service could not be reached. ' +
          `It goes by itself as soon as it can (tried ${tries === 2 ? 'once' : `${tries - 1} times`}).`,
      );
      await vi.advanceTimersByTimeAsync(wait - 1);
      expect(toRole()).toHaveLength(tries - 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(toRole()).toHaveLength(tries);
      expect(toRole().every((s) => s.attrs.id === id)).toBe(true);
    }
    expect(roles.error).toBe('');
    expect(roles.busy).toBe(true);
    // Back: it goes, and is not sent again.
    link.stanza(reached(id));
    expect(roles.reached?.people).toEqual([{ jid: 'priya@h.example', name: 'Priya Shah' }]);
    expect(roles.retrying).toBe('');
    await vi.advanceTimersByTimeAsync(120_000);
    expect(toRole()).toHaveLength(8);
  });

  it('goes through on a later try: whom it reached is shown, and nothing more is sent', async () => {
    await send('nurse', 'Bed 4 needs a check');
    const id = toRole()[0]!.attrs.id!;
    link.stanza(bounce(id, 'internal-server-error', 'wait', 'Something went wrong on the server. Try again.'));
    await vi.advanceTimersByTimeAsync(1000);
    link.stanza(reached(id));
    expect(roles.reached?.people).toEqual([{ jid: 'priya@h.example', name: 'Priya Shah' }]);
    expect(roles.error).toBe('');
    expect(roles.retrying).toBe('');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(toRole()).toHaveLength(2);
  });

  it('sends again when neither a confirmation nor a bounce came (lost in a restart)', async () => {
    await send('nurse', 'Bed 4 needs a check');
    await vi.advanceTimersByTimeAsync(10_000 + 1000);
    expect(toRole()).toHaveLength(2);
    expect(roles.retrying).toMatch(/did not answer/);
  });

  it('asks once it waited longer than a message goes by itself (1 hour), with its age, and goes only when told', async () => {
    await send('nurse', 'Bed 4 needs a check');
    const id = toRole()[0]!.attrs.id!;
    // Away for an hour and more: no answer to any try.
    await vi.advanceTimersByTimeAsync(61 * 60_000);
    expect(roles.tooOld).toBe('Your message to nurse was written 1 hour ago and has not gone yet. Send it still?');
    expect(roles.retrying).toBe('');
    const tries = toRole().length;
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    await link.ready(client);
    expect(toRole()).toHaveLength(tries);
    // "Send now": it goes, with the same id, as written now.
    await roles.sendOld(true);
    expect(toRole()).toHaveLength(tries + 1);
    expect(toRole().at(-1)!.attrs.id).toBe(id);
    expect(roles.tooOld).toBe('');
    link.stanza(reached(id));
    expect(roles.reached?.people).toEqual([{ jid: 'priya@h.example', name: 'Priya Shah' }]);
  });

  it('shows a refusal that is an answer at once, and does not send it again', async () => {
    await send('nurse', 'Bed 4 needs a check');
    const id = toRole()[0]!.attrs.id!;
    link.stanza(bounce(id, 'recipient-unavailable', 'cancel', 'Nobody holds the role "nurse" on duty right now.'));
    expect(roles.error).toBe('Nobody holds the role "nurse" on duty right now.');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(toRole()).toHaveLength(1);
  });
});

describe('a role message while encryption could not start on this device (issue #11)', () => {
  it('asks first, and "Cancel" sends nothing, saying so', async () => {
    const sending = roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.unencrypted).not.toBeNull());
    expect(roles.unencrypted).toEqual([
      {
        name: 'Whoever holds "nurse" on duty',
        why: 'encryption could not start on this device, so it would go through the hospital server, readable by it',
      },
    ]);
    expect(toRole()).toHaveLength(0);
    roles.cancel();
    await sending;
    expect(toRole()).toHaveLength(0);
    expect(roles.unencrypted).toBeNull();
    expect(roles.error).toBe('Not sent: you cancelled it, as it could not be encrypted.');
    expect(roles.busy).toBe(false);
  });
});
