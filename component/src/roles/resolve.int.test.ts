// role-resolve on a real Prosody (issue #11, writing to a role with
// encryption on): the sender learns who holds the role on duty, the component
// records whom the message reached without ever carrying its words, a retry
// with the same message id keeps one record, refusals say why, and a message
// its sender cancelled (role-withdraw) is recorded as reaching nobody; the
// server's admins read the records (role-records).
import {
  AUDIT_COMMANDS,
  COMMANDS,
  DIRECTORY_FIELDS as D,
  NS_COMMANDS,
  NS_DATA,
  NS_ROLE,
  NS_SID,
  NS_STANZAS,
  ROLE_RECORDS_FIELDS as R,
  ROLE_RESOLVE_FIELDS as F,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, startHarness, xml, type Harness } from '../test-support.ts';

let h: Harness;
let ops: string;
let domain: string;
let dispatcher: Client;
let nurse: Client;

beforeAll(async () => {
  h = await startHarness();
  ops = h.prosody.settings.opsHost;
  domain = h.prosody.settings.domain;
  dispatcher = await h.login('dispatcher');
  nurse = await h.login('nurse');
});
afterAll(() => h?.stop());

const resolve = (role: string, messageId: string) =>
  runCommand(dispatcher, ops, COMMANDS.roleResolve, { [F.role]: role, [F.messageId]: messageId });
const withdraw = (messageId: string, who = dispatcher) =>
  runCommand(who, ops, COMMANDS.roleWithdraw, { [F.messageId]: messageId });
/** The dispatcher's role messages as the audit keeps them, newest first: role, whom each reached, withdrawn when. */
async function records() {
  const store = h.component.store.deliveries;
  const all = await store.bySender(`dispatcher@${domain}`, 10);
  return Promise.all(
    all.map(async (d) => ({ role: d.role, reached: d.reached, withdrawnAt: (await store.get(d.id))?.withdrawnAt })),
  );
}

/** The result table's rows as { jid, name }. */
function people(reply: XmlElement) {
  const x = reply.getChild('command', NS_COMMANDS)!.getChild('x', NS_DATA)!;
  return x.getChildren('item').map((item) => {
    const value = (v: string) =>
      item
        .getChildren('field')
        .find((f) => f.attrs.var === v)
        ?.getChildText('value');
    return { jid: value(F.jid), name: value(F.name) };
  });
}

const refusal = (reply: XmlElement) => reply.getChild('error')!.getChildText('text', NS_STANZAS);

describe('role-resolve', () => {
  it('says nobody holds the role on duty, and records nothing', async () => {
    const reply = await resolve('nurse', 'm-0');
    expect(reply.attrs.type).toBe('error');
    expect(reply.getChild('error')!.getChild('recipient-unavailable', NS_STANZAS)).toBeDefined();
    expect(refusal(reply)).toMatch(/Nobody holds the role "nurse" on duty right now/);
    expect(await h.component.store.deliveries.bySender(`dispatcher@${domain}`, 5)).toEqual([]);
  });

  it('refuses a role that is no role, saying so', async () => {
    for (const [role, pattern] of [
      ['ward.7', /There is no role "ward\.7"/],
      ['surgeon', /There is no role "surgeon": "surgeon@ops\.bleep\.localhost" is not a role anyone/],
    ] as const) {
      const reply = await resolve(role, 'm-x');
      expect(reply.getChild('error')!.getChild('item-not-found', NS_STANZAS), role).toBeDefined();
      expect(refusal(reply)).toMatch(pattern);
    }
  });

  it('names the on-duty holders and records whom it reached, sending them nothing itself', async () => {
    await runCommand(nurse, ops, COMMANDS.duty, { [D.onDuty]: 'true' });
    let relayed = 0;
    nurse.on('stanza', ((el: XmlElement) => el.getChild('delivered', NS_ROLE) && relayed++) as never);
    const reply = await resolve('nurse', 'm-1');
    expect(reply.attrs.type).toBe('result');
    expect(people(reply)).toEqual([{ jid: `nurse@${domain}`, name: 'Priya Shah' }]);
    const audit = await h.component.store.deliveries.bySender(`dispatcher@${domain}`, 5);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ role: 'nurse', reached: [{ jid: `nurse@${domain}`, name: 'Priya Shah' }] });
    expect((await h.component.store.deliveries.get(audit[0]!.id))?.sentAt).toBeTruthy();
    // The client writes to them (encrypted); the component relays no words.
    await new Promise((r) => setTimeout(r, 300));
    expect(relayed).toBe(0);
  });

  it('gives the same people for the same message id again (a retry) and keeps one record', async () => {
    // Off duty now: a retry still reaches whom the first ask named, as a resent role message does.
    await runCommand(nurse, ops, COMMANDS.duty, { [D.onDuty]: 'false' });
    const again = await resolve('nurse', 'm-1');
    expect(people(again)).toEqual([{ jid: `nurse@${domain}`, name: 'Priya Shah' }]);
    expect(await h.component.store.deliveries.bySender(`dispatcher@${domain}`, 5)).toHaveLength(1);
  });

  it('a message its sender cancelled is recorded as reaching nobody, with when it was withdrawn', async () => {
    await runCommand(nurse, ops, COMMANDS.duty, { [D.onDuty]: 'true' });
    const asked = await resolve('nurse', 'm-2');
    expect(people(asked)).toEqual([{ jid: `nurse@${domain}`, name: 'Priya Shah' }]);
    const reply = await withdraw('m-2');
    expect(reply.attrs.type).toBe('result');
    expect(reply.getChild('command', NS_COMMANDS)!.getChildText('note')).toBe(
      'Withdrawn: your message to nurse reached nobody.',
    );
    const [cancelled, sent] = await records();
    expect(cancelled).toEqual({ role: 'nurse', reached: [], withdrawnAt: expect.any(String) });
    // m-1, which went, still names whom it reached.
    expect(sent).toEqual({ role: 'nurse', reached: [{ jid: `nurse@${domain}`, name: 'Priya Shah' }] });
    // Withdrawing again (a retry) keeps the first time; resolving it again is refused, saying why.
    await withdraw('m-2');
    expect((await records())[0]!.withdrawnAt).toBe(cancelled!.withdrawnAt);
    const again = await resolve('nurse', 'm-2');
    expect(again.getChild('error')!.getChild('not-acceptable', NS_STANZAS)).toBeDefined();
    expect(refusal(again)).toMatch(/You cancelled this message to a role, so it reached nobody/);
  });

  it("withdraws only the sender's own message, and never one the component delivered itself", async () => {
    // Another sender's id names nothing of theirs.
    const other = await withdraw('m-1', nurse);
    expect(other.getChild('error')!.getChild('item-not-found', NS_STANZAS)).toBeDefined();
    expect(refusal(other)).toMatch(/No message of yours to a role was recorded with this id/);
    // A role message relayed by the component (encryption off) reached them: it stays recorded.
    const reached = new Promise<XmlElement>((resolve) =>
      dispatcher.on('stanza', ((el: XmlElement) => el.getChild('reached', NS_ROLE) && resolve(el)) as never),
    );
    await dispatcher.send(
      xml(
        'message',
        { to: `nurse@${ops}`, type: 'chat', id: 'r-1' },
        xml('body', {}, 'Bay 4'),
        xml('origin-id', { xmlns: NS_SID, id: 'r-1' }),
      ),
    );
    await reached;
    const refused = await withdraw('r-1');
    expect(refused.getChild('error')!.getChild('forbidden', NS_STANZAS)).toBeDefined();
    expect(refusal(refused)).toMatch(/delivered this message to the role itself/);
    expect((await records())[0]).toEqual({ role: 'nurse', reached: [{ jid: `nurse@${domain}`, name: 'Priya Shah' }] });
  });

  it("the server's admins read every record, newest first, a page at a time, without the words", async () => {
    const admin = await h.login('admin');
    const read = async (before = '') => {
      const reply = await runCommand(admin, ops, AUDIT_COMMANDS.roleRecords, { [R.before]: before });
      const c = reply.getChild('command', NS_COMMANDS)!;
      const rows = c
        .getChild('x', NS_DATA)!
        .getChildren('item')
        .map((item) =>
          Object.fromEntries(item.getChildren('field').map((f) => [f.attrs.var, f.getChildText('value') ?? ''])),
        );
      return { rows, note: c.getChildText('note') ?? '', xml: reply.toString() };
    };
    const first = await read();
    const priya = JSON.stringify([{ jid: `nurse@${domain}`, name: 'Priya Shah' }]);
    const sender = `dispatcher@${domain}`;
    // r-1 relayed by the component, m-2 cancelled (withdrawn, nobody), m-1 sent from the dispatcher's app.
    expect(first.rows.map(({ id: _, at: __, withdrawn, ...r }) => ({ ...r, withdrawn: !!withdrawn }))).toEqual([
      { sender, role: 'nurse', reached: priya, via: 'component', withdrawn: false, cut: '' },
      { sender, role: 'nurse', reached: '[]', via: 'client', withdrawn: true, cut: '' },
      { sender, role: 'nurse', reached: priya, via: 'client', withdrawn: false, cut: '' },
    ]);
    expect(first.xml).not.toContain('Bay 4');
    expect(first.note).toBe(
      `3 records, newest first. For older ones, run again with "Older than record" = ${first.rows[2]!.id}.`,
    );
    const older = await read(first.rows[0]!.id);
    expect(older.rows.map((r) => r.id)).toEqual([first.rows[1]!.id, first.rows[2]!.id]);
    expect((await read(first.rows[2]!.id)).note).toBe('No records.');
    await admin.stop();
  });
});
