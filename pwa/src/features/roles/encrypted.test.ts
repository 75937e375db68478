// Writing to a role with encryption on (issue #11): the app asks the
// component who holds the role on duty (role-resolve, with the message's id),
// then writes to each of them through the one message pipeline (where OMEMO
// encrypts it; e2e/omemo-roles.spec.ts shows that end to end); the words
// never go to the component. A service away for a moment is tried again with
// the same id; a refusal is shown at once; a cancelled one is withdrawn, later
// if the service is away, and on the next start if the app closed meanwhile.
import 'fake-indexeddb/auto';
import { COMMANDS, NS_COMMANDS, NS_DATA, ROLE_RESOLVE_FIELDS as F } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeClient, link, type FakeClient } from '../messages/fake-connection.ts';
import { useMessages } from '../messages/index.ts';
import type { MessageContent } from '../messages/content.ts';
import { useRoles } from './roles.store.ts';
import { useRoleWithdrawals } from './withdrawals.store.ts';

vi.mock('../../xmpp/connection.store.ts', () => import('../messages/fake-connection.ts'));
// Encryption on: the session is there (what it encrypts is the omemo feature's own tests' business);
// `cannot` is whom the one rule (omemo/encrypt.ts) says it cannot be encrypted for.
let cannot: { jid: string; reason: 'no-devices' }[] = [];
vi.mock('../omemo/index.ts', () => ({
  useOmemo: () => ({ session: async () => ({}), cannotEncrypt: async () => cannot }),
}));

const OPS = 'ops.h.example';
let client: FakeClient;
let roles: ReturnType<typeof useRoles>;
let withdrawals: ReturnType<typeof useRoleWithdrawals>;
/** What the component answers to the form's submission: the people, or an error condition. */
let answer: { people: [string, string][] } | { condition: string; text: string };

const field = (v: string, value: string) => xml('field', { var: v }, xml('value', {}, value));
/** The command IQs the app sent, in order. */
let asked: XmlElement[] = [];
let accounts = 0;
function command(iq: XmlElement): XmlElement {
  asked.push(iq);
  const c = iq.getChild('command', NS_COMMANDS)!;
  if (c.attrs.action === 'execute') {
    const form = xml('x', { xmlns: NS_DATA, type: 'form' }, field(F.role, ''), field(F.messageId, ''));
    return xml(
      'iq',
      { type: 'result' },
      xml('command', { xmlns: NS_COMMANDS, node: c.attrs.node, sessionid: 's1' }, form),
    );
  }
  if ('condition' in answer) throw Object.assign(new Error(answer.text), answer);
  const items = answer.people.map(([jid, name]) => xml('item', {}, field(F.jid, jid), field(F.name, name)));
  return xml(
    'iq',
    { type: 'result' },
    xml('command', { xmlns: NS_COMMANDS }, xml('x', { xmlns: NS_DATA, type: 'result' }, ...items)),
  );
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  link.reset();
  setActivePinia(createPinia());
  roles = useRoles();
  withdrawals = useRoleWithdrawals();
  // An account of its own per test: what one test left in its outbox is not flushed in the next.
  client = fakeClient(`dana${++accounts}@h.example`);
  client.answer = command;
  asked = [];
  answer = {
    people: [
      ['priya@h.example', 'Priya Shah'],
      ['omar@h.example', 'Omar Haddad'],
    ],
  };
  cannot = [];
  await link.ready(client);
});
afterEach(() => vi.useRealTimers());

const submitted = (node: string = COMMANDS.roleResolve) =>
  asked.filter((iq) => {
    const c = iq.getChild('command', NS_COMMANDS);
    return c?.attrs.node === node && c.attrs.action === 'complete';
  });
/** The message id each submission of `node` carried. */
const idsSent = (node: string) =>
  submitted(node).map((iq) =>
    iq
      .getChild('command', NS_COMMANDS)!
      .getChild('x', NS_DATA)!
      .getChildren('field')
      .find((f) => f.attrs.var === F.messageId)
      ?.getChildText('value'),
  );
const chats = () => client.sent.filter((s) => s.name === 'message' && s.attrs.type === 'chat');

describe('writing to a role with encryption on', () => {
  it('asks who is on duty, then writes to each of them itself; the component gets no words', async () => {
    await roles.send('Nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.reached).not.toBeNull());
    const form = submitted()[0]!.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
    const value = (v: string) =>
      form
        .getChildren('field')
        .find((f) => f.attrs.var === v)
        ?.getChildText('value');
    expect(value(F.role)).toBe('nurse');
    expect(value(F.messageId)).toBe(roles.reached!.inReplyTo);
    expect(chats().map((m) => [m.attrs.to, m.getChildText('body')])).toEqual([
      ['priya@h.example', 'To on-duty nurse: Bed 4 needs a check'],
      ['omar@h.example', 'To on-duty nurse: Bed 4 needs a check'],
    ]);
    expect(client.sent.some((s) => (s.attrs.to ?? '').endsWith(`@${OPS}`))).toBe(false);
    expect(roles.reached!.people.map((p) => p.name)).toEqual(['Priya Shah', 'Omar Haddad']);
    expect(roles.busy).toBe(false);
  });

  it('tries the service again with the same id while it is away, then writes once', async () => {
    answer = { condition: 'remote-server-timeout', text: 'Component unavailable' };
    await roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() =>
      expect(roles.retrying).toBe(
        'Your message to nurse has not gone yet. The operations service could not be reached. ' +
          'It goes by itself as soon as it can (tried once).',
      ),
    );
    answer = { people: [['priya@h.example', 'Priya Shah']] };
    await vi.advanceTimersByTimeAsync(1000);
    await vi.waitFor(() => expect(roles.reached).not.toBeNull());
    const ids = submitted().map((iq) => iq.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!.toString());
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(chats()).toHaveLength(1);
    expect(roles.retrying).toBe('');
  });

  it('shows a refusal (nobody on duty) at once, sends nothing and does not ask again', async () => {
    const text = 'Nobody holds the role "nurse" on duty right now. Try another role, or call the switchboard.';
    answer = { condition: 'recipient-unavailable', text };
    await roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.error).toBe(text));
    await vi.advanceTimersByTimeAsync(60_000);
    expect(submitted()).toHaveLength(1);
    expect(chats()).toHaveLength(0);
  });
});

describe('writing to a role when it cannot be encrypted for someone on duty (issue #11)', () => {
  it('says whom and why before anything goes; "Send unencrypted to them" sends it, marked as chosen', async () => {
    cannot = [{ jid: 'omar@h.example', reason: 'no-devices' }];
    const contents: [string, MessageContent][] = [];
    useMessages().useOutbound(async (stanza, to, content) => (contents.push([to.jid, content]), stanza));
    const sending = roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.unencrypted).not.toBeNull());
    expect(roles.unencrypted).toEqual([
      { name: 'Omar Haddad', why: 'the colleague has no encryption device; their app does not use OMEMO' },
    ]);
    // Asking does not count as the service not answering.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(chats()).toHaveLength(0);
    expect(roles.reached).toBeNull();
    roles.sendUnencrypted();
    await sending;
    await vi.waitFor(() => expect(roles.reached).not.toBeNull());
    expect(contents).toEqual([
      ['priya@h.example', { kind: 'text', body: 'To on-duty nurse: Bed 4 needs a check' }],
      ['omar@h.example', { kind: 'text', body: 'To on-duty nurse: Bed 4 needs a check', plain: true }],
    ]);
  });

  it('"Cancel" sends it to nobody and says so', async () => {
    cannot = [{ jid: 'omar@h.example', reason: 'no-devices' }];
    const sending = roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.unencrypted).not.toBeNull());
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([]);
    roles.cancel();
    await sending;
    await vi.waitFor(() => expect(roles.error).toBe('Not sent: you cancelled it, as it could not be encrypted.'));
    expect(chats()).toHaveLength(0);
    expect(roles.reached).toBeNull();
    expect(roles.busy).toBe(false);
    // role-resolve had recorded them as reached: the same message is withdrawn, so the record says nobody.
    const [id] = idsSent(COMMANDS.roleResolve);
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([id]);
  });

  it('"Cancel" while the service is away: said to wait, withdrawn once it is back, and only once', async () => {
    cannot = [{ jid: 'omar@h.example', reason: 'no-devices' }];
    const sending = roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.unencrypted).not.toBeNull());
    answer = { condition: 'remote-server-timeout', text: 'Component unavailable' };
    roles.cancel();
    await sending;
    await vi.waitFor(() => expect(roles.error).toMatch(/^Not sent: you cancelled it, as it could not be encrypted\. /));
    expect(roles.error).toContain('its record still says it reached them; it is told as soon as it can be');
    expect(withdrawals.waiting.map((w) => w.role)).toEqual(['nurse']);
    expect(chats()).toHaveLength(0);
    // Still away at the next try; back for the one after.
    await vi.advanceTimersByTimeAsync(2000);
    expect(idsSent(COMMANDS.roleWithdraw)).toHaveLength(2);
    answer = { people: [] };
    await vi.advanceTimersByTimeAsync(4000);
    const [id] = idsSent(COMMANDS.roleResolve);
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([id, id, id]);
    await vi.waitFor(() => expect(withdrawals.waiting).toEqual([]));
    expect(withdrawals.notice).toBe('Withdrawn: its record now says your message to nurse reached nobody.');
    // Told: never again, not on a new stream either.
    await vi.advanceTimersByTimeAsync(60_000);
    await link.ready(client);
    expect(idsSent(COMMANDS.roleWithdraw)).toHaveLength(3);
  });

  it('the app closed while its user was asked: on the next start it counts as cancelled and is withdrawn', async () => {
    cannot = [{ jid: 'omar@h.example', reason: 'no-devices' }];
    void roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.unencrypted).not.toBeNull());
    const [id] = idsSent(COMMANDS.roleResolve);
    // A reload: new stores, the same account and device; nothing was answered.
    link.reset();
    setActivePinia(createPinia());
    const again = useRoleWithdrawals();
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([]);
    await link.ready(client);
    await vi.waitFor(() => expect(idsSent(COMMANDS.roleWithdraw)).toEqual([id]));
    await vi.waitFor(() =>
      expect(again.notice).toMatch(
        /^Not sent: your message to nurse was still waiting for your choice when the app closed, so it counts as cancelled\. Withdrawn/,
      ),
    );
    expect(again.waiting).toEqual([]);
    expect(chats()).toHaveLength(0);
  });

  it('the app closed while the service was away: on the next start it goes, once, and nothing is withdrawn', async () => {
    answer = { condition: 'remote-server-timeout', text: 'Component unavailable' };
    void roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.retrying).toMatch(/has not gone yet/));
    const [id] = idsSent(COMMANDS.roleResolve);
    // A reload while the service is still away (the page's timers go with it); it is back when the app opens again.
    vi.clearAllTimers();
    link.reset();
    setActivePinia(createPinia());
    const again = useRoles();
    answer = { people: [['priya@h.example', 'Priya Shah']] };
    await link.ready(client);
    await vi.waitFor(() => expect(again.reached).not.toBeNull());
    expect(idsSent(COMMANDS.roleResolve)).toEqual([id, id]);
    expect(chats()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([]);
    expect(idsSent(COMMANDS.roleResolve)).toHaveLength(2);
    expect(useRoleWithdrawals().waiting).toEqual([]);
  });

  /** Sent while the service was away, then the app closed; it opens again `hours` later, the service back. */
  async function reopenedLater(hours: number) {
    answer = { condition: 'remote-server-timeout', text: 'Component unavailable' };
    void roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.retrying).toMatch(/has not gone yet/));
    vi.clearAllTimers();
    link.reset();
    setActivePinia(createPinia());
    vi.setSystemTime(Date.now() + hours * 60 * 60_000);
    const again = useRoles();
    answer = { people: [['priya@h.example', 'Priya Shah']] };
    await link.ready(client);
    await vi.waitFor(() => expect(again.tooOld).not.toBe(''));
    return { again, id: idsSent(COMMANDS.roleResolve)[0] };
  }

  it('the app opened again after the outbox\'s age (1 hour): asked, with its age; "Send now" sends it, once', async () => {
    const { again, id } = await reopenedLater(3);
    expect(again.tooOld).toBe('Your message to nurse was written 3 hours ago and has not gone yet. Send it still?');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(idsSent(COMMANDS.roleResolve)).toEqual([id]);
    expect(chats()).toHaveLength(0);
    await again.sendOld(true);
    await vi.waitFor(() => expect(again.reached).not.toBeNull());
    expect(idsSent(COMMANDS.roleResolve)).toEqual([id, id]);
    expect(chats()).toHaveLength(1);
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([]);
  });

  it('the app opened again after the outbox\'s age: "Discard" sends nothing, withdraws it, and does not ask again', async () => {
    const { again, id } = await reopenedLater(25);
    expect(again.tooOld).toMatch(/written 1 day ago/);
    await again.sendOld(false);
    expect(again.tooOld).toBe('');
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([id]);
    link.reset();
    setActivePinia(createPinia());
    const third = useRoles();
    await link.ready(client);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(third.tooOld).toBe('');
    expect(idsSent(COMMANDS.roleResolve)).toEqual([id]);
    expect(chats()).toHaveLength(0);
  });

  it('a message that went is never withdrawn, not at the next start either', async () => {
    await roles.send('nurse', 'Bed 4 needs a check');
    await vi.waitFor(() => expect(roles.reached).not.toBeNull());
    link.reset();
    setActivePinia(createPinia());
    useRoleWithdrawals();
    await link.ready(client);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(idsSent(COMMANDS.roleWithdraw)).toEqual([]);
  });
});
