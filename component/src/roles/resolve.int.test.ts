// role-resolve on a real Prosody (issue #11, writing to a role with
// encryption on): the sender learns who holds the role on duty, the component
// records whom the message reached without ever carrying its words, a retry
// with the same message id keeps one record, and refusals say why.
import {
  COMMANDS,
  DIRECTORY_FIELDS as D,
  NS_COMMANDS,
  NS_DATA,
  NS_ROLE,
  NS_STANZAS,
  ROLE_RESOLVE_FIELDS as F,
} from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand, startHarness, type Harness } from '../test-support.ts';

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
});
