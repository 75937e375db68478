// Role addressing on a real Prosody: a message to nurse@ops.<domain> reaches
// whoever holds the role on duty, the sender learns whom it reached, a repeat
// of the same origin-id is not delivered twice, and nobody on duty is an error.
import { NS_ROLE, NS_SID, COMMANDS, DIRECTORY_FIELDS as F } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextStanza, runCommand, startHarness, xml, type Harness } from '../test-support.ts';

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
  await nurse.send(xml('presence')); // available, so Prosody routes bare-JID chat to this session
});
afterAll(() => h?.stop());

const toRole = (role: string, text: string, originId?: string) =>
  xml(
    'message',
    { type: 'chat', to: `${role}@${ops}`, id: `m-${Math.random()}` },
    xml('body', {}, text),
    ...(originId ? [xml('origin-id', { xmlns: NS_SID, id: originId })] : []),
  );
const isError = (el: XmlElement) => el.name === 'message' && el.attrs.type === 'error';

describe('role addressing', () => {
  it('tells the sender clearly when nobody holds the role on duty', async () => {
    const bounce = nextStanza(dispatcher, isError);
    await dispatcher.send(toRole('nurse', 'Bed 4 needs a check'));
    const error = (await bounce).getChild('error')!;
    expect(error.getChild('recipient-unavailable')).toBeDefined();
    expect(error.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(
      /Nobody holds the role "nurse" on duty/,
    );
  });

  it('reaches the on-duty holder, tells the sender whom, and records it', async () => {
    await runCommand(nurse, ops, COMMANDS.duty, { [F.onDuty]: 'true' });
    const delivered = nextStanza(nurse, (el) => !!el.getChild('delivered', NS_ROLE));
    const reached = nextStanza(dispatcher, (el) => !!el.getChild('reached', NS_ROLE));
    await dispatcher.send(toRole('nurse', 'Bed 4 needs a check', 'origin-1'));

    const d = (await delivered).getChild('delivered', NS_ROLE)!;
    expect(d.attrs).toMatchObject({ role: 'nurse', sender: `dispatcher@${domain}`, 'sender-name': 'Dana Reyes' });
    expect(d.text()).toBe('Bed 4 needs a check');
    const r = (await reached).getChild('reached', NS_ROLE)!;
    expect(r.getChildren('person').map((p) => p.attrs)).toEqual([{ jid: `nurse@${domain}`, name: 'Priya Shah' }]);
    const audit = await h.component.store.deliveries.bySender(`dispatcher@${domain}`, 5);
    expect(audit[0]).toMatchObject({ role: 'nurse', reached: [{ jid: `nurse@${domain}`, name: 'Priya Shah' }] });
  });

  it('does not deliver a resent message (same origin-id) twice, but confirms it again', async () => {
    let deliveries = 0;
    nurse.on('stanza', ((el: XmlElement) => el.getChild('delivered', NS_ROLE) && deliveries++) as never);
    const reached = nextStanza(dispatcher, (el) => !!el.getChild('reached', NS_ROLE));
    await dispatcher.send(toRole('nurse', 'Bed 4 needs a check', 'origin-1'));
    await reached;
    await new Promise((r) => setTimeout(r, 300));
    expect(deliveries).toBe(0);
    expect(await h.component.store.deliveries.bySender(`dispatcher@${domain}`, 5)).toHaveLength(1);
  });

  it('refuses an empty, an oversized or a malformed role message with a reason', async () => {
    for (const [stanza, pattern] of [
      [toRole('nurse', '   '), /needs a text/],
      [toRole('nurse', 'x'.repeat(4001)), /too long/],
      [toRole('ward.7', 'hi'), /no role "ward.7"/],
    ] as const) {
      const bounce = nextStanza(dispatcher, isError);
      await dispatcher.send(stanza);
      expect((await bounce).getChild('error')!.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(
        pattern,
      );
    }
  });

  it('answers an address that is neither a role anyone holds nor a service with item-not-found saying so', async () => {
    for (const [to, pattern] of [
      ['surgeon', /"surgeon@ops\.bleep\.localhost" is not a role anyone in the directory holds, nor a Bleep service/],
      ['requests', /"requests@ops\.bleep\.localhost" is kept for a Bleep service that this server does not run/],
      // req-<id> belongs to the requests service (issue #8): an id it never gave is an unknown request.
      ['req-42', /^There is no request "42"\./],
    ] as const) {
      const bounce = nextStanza(dispatcher, isError);
      await dispatcher.send(toRole(to, 'hello?'));
      const error = (await bounce).getChild('error')!;
      expect(error.getChild('item-not-found'), to).toBeDefined();
      expect(error.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(pattern);
    }
  });

  it('limits role messages per sender, saying the limit and when to try again', async () => {
    const errors: XmlElement[] = [];
    nurse.on('stanza', ((el: XmlElement) => isError(el) && errors.push(el)) as never);
    for (let i = 0; i < 31; i++) await nurse.send(toRole('dispatcher', `call ${i}`));
    await expect.poll(() => errors.length, { timeout: 10_000 }).toBe(31);
    // Nobody is a dispatcher on duty: thirty say so, one is over the limit (replies may come in any order).
    const limited = errors.map((e) => e.getChild('error')!).filter((e) => e.getChild('policy-violation'));
    expect(limited).toHaveLength(1);
    expect(errors.filter((e) => e.getChild('error')!.getChild('recipient-unavailable'))).toHaveLength(30);
    expect(limited[0]!.attrs.type).toBe('wait');
    expect(limited[0]!.getChildText('text', 'urn:ietf:params:xml:ns:xmpp-stanzas')).toMatch(
      /at most 30 role messages per 60 s\. Try again in \d+ s\./,
    );
    // Another sender is not held back.
    const reached = nextStanza(dispatcher, (el) => !!el.getChild('reached', NS_ROLE));
    await dispatcher.send(toRole('nurse', 'still reaches'));
    expect((await reached).getChild('reached', NS_ROLE)).toBeDefined();
  });
});
