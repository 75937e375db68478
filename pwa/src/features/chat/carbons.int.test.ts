// Carbons against a real Prosody (XEP-0280): Priya's desk computer gets
// copies of what her phone receives and sends. Each copy carries the
// message's id in her own archive, as the archive gives it later, so a
// reload (or a catch-up after a drop) finds the same message, not another
// one, and the line can be referenced by it.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, nextStanza, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { NS_CARBONS } from '@bleep/protocol';
import { xml, type XmlElement as PwaElement } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incoming } from '../messages/inbound.ts';
import { mamQuery } from '../messages/mam.ts';
import { messageStanza } from '../messages/outbound.ts';
import { createPipeline } from '../messages/pipeline.ts';
import { lineOf } from '../messages/receive.ts';
import { insert, newConversation } from '../messages/timeline.ts';
import { enableCarbons } from './codec.ts';

const PEOPLE = [
  { user: 'dispatcher', password: 'dispatcher-password-1' },
  { user: 'nurse', password: 'nurse-password-1' },
];

let prosody: RunningProsody;
let dana: Client;
let phone: Client;
let desk: Client;
/** What Priya's desk computer's app read, live. */
const deskGot: Incoming[] = [];
let deskPipeline: ReturnType<typeof createPipeline>;
const jid = (user: string) => `${user}@${prosody.settings.domain}`;
const asPwa = (el: XmlElement) => el as unknown as PwaElement;
const send = (c: Client, el: PwaElement) => c.send(el as unknown as XmlElement);

/** The app's one inbound pipeline for an account's device; its events go to `out`. */
function pipelineOf(c: Client, me: string, out: Incoming[]) {
  const ctx = { me, mucHost: prosody.settings.mucHost, opsHost: prosody.settings.opsHost, occupant: () => '' };
  const pipeline = createPipeline(
    () => ctx,
    (ev) => out.push(ev),
  );
  c.on('stanza', ((el: XmlElement) => pipeline.push(asPwa(el))) as never);
  return pipeline;
}

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: PEOPLE });
  const [d, p, k] = await Promise.all([PEOPLE[0]!, PEOPLE[1]!, PEOPLE[1]!].map((a) => login(prosody.settings, a)));
  [dana, phone, desk] = [d!, p!, k!];
  for (const c of [dana, phone, desk]) {
    await send(c, xml('presence'));
    await c.iqCaller.request(enableCarbons() as never, 10_000);
  }
  deskPipeline = pipelineOf(desk, jid('nurse'), deskGot);
}, 60_000);

afterAll(async () => {
  await Promise.all([dana, phone, desk].map((c) => c?.stop().catch(() => {})));
  await prosody?.stop();
});

describe('carbons on a second device of the same account', () => {
  it('carry the id the archive has for each message, received and sent; a reload shows each once', async () => {
    // Fresh ids on each try: a retry finds the first try's messages in the archive too.
    const [IN, OUT] = ['in', 'out'].map((w) => `${w}-${crypto.randomUUID().slice(0, 8)}`) as [string, string];
    const text = (id: string) => deskGot.find((e) => e.id === id);
    const copied = (c: Client) =>
      nextStanza(c, (el) => !!el.getChild('received', NS_CARBONS) || !!el.getChild('sent', NS_CARBONS));
    // Dana writes to Priya's phone: the desk gets a "received" copy.
    let copy = copied(desk);
    const toPhone = messageStanza(
      { jid: String(phone.jid), type: 'chat' },
      { kind: 'text', body: 'Bed 4 needs you' },
      IN,
    );
    await send(dana, toPhone);
    await copy;
    // Priya answers from her phone: the desk gets a "sent" copy.
    copy = copied(desk);
    await send(
      phone,
      messageStanza({ jid: jid('dispatcher'), type: 'chat' }, { kind: 'text', body: 'On my way' }, OUT),
    );
    await copy;
    await deskPipeline.drain();
    expect(text(IN)).toMatchObject({ from: jid('dispatcher'), mine: false, content: { body: 'Bed 4 needs you' } });
    expect(text(OUT)).toMatchObject({ from: jid('nurse'), mine: true, content: { body: 'On my way' } });

    // Priya's own archive, as the desk reads it after a reload.
    const queryid = crypto.randomUUID();
    const paged: Incoming[] = [];
    const reloaded = pipelineOf(desk, jid('nurse'), paged);
    await desk.iqCaller.request(mamQuery({ queryid, max: 20, with: jid('dispatcher') }) as never, 10_000);
    await reloaded.drain();
    const archived = paged.filter((e) => e.queryid === queryid && (e.id === IN || e.id === OUT));
    expect(archived.map((e) => e.id)).toEqual([IN, OUT]);
    // Each copy named the message the archive has.
    expect(archived.map((e) => e.archiveId)).toEqual([text(IN)!.archiveId, text(OUT)!.archiveId]);
    expect(archived.every((e) => e.archiveId)).toBe(true);

    // The live copies, then the archive's page: one line each.
    const c = newConversation(jid('dispatcher'), 'chat');
    for (const e of [text(IN)!, text(OUT)!, ...archived]) insert(c, lineOf(e as Parameters<typeof lineOf>[0]));
    expect(c.lines.map((l) => l.id)).toEqual([IN, OUT]);
  });
});
