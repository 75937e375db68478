// A 1:1 message that carries no id at all, against a real Prosody: ids are
// optional (RFC 6120 §8.1.3) and some bots and servers send none. Priya's app
// shows it once, known by the id her own archive stamped on it (XEP-0359), and
// after a reload the archive's copy is the same message, not a second one.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, nextStanza, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { xml, type XmlElement as PwaElement } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incoming } from '../messages/inbound.ts';
import { mamQuery } from '../messages/mam.ts';
import { createPipeline } from '../messages/pipeline.ts';
import { lineOf } from '../messages/receive.ts';
import { insert, newConversation } from '../messages/timeline.ts';

const PEOPLE = [
  { user: 'dispatcher', password: 'dispatcher-password-1' },
  { user: 'nurse', password: 'nurse-password-1' },
];

let prosody: RunningProsody;
let bot: Client;
let priya: Client;
const jid = (user: string) => `${user}@${prosody.settings.domain}`;
const asPwa = (el: XmlElement) => el as unknown as PwaElement;
const send = (c: Client, el: PwaElement) => c.send(el as unknown as XmlElement);

/** The app's one inbound pipeline on Priya's device; its events go to `out`. */
function pipelineOf(c: Client, out: Incoming[]) {
  const ctx = {
    me: jid('nurse'),
    mucHost: prosody.settings.mucHost,
    opsHost: prosody.settings.opsHost,
    occupant: () => '',
  };
  const pipeline = createPipeline(
    () => ctx,
    (ev) => out.push(ev),
  );
  c.on('stanza', ((el: XmlElement) => pipeline.push(asPwa(el))) as never);
  return pipeline;
}

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: PEOPLE });
  const [b, p] = await Promise.all(PEOPLE.map((a) => login(prosody.settings, a)));
  [bot, priya] = [b!, p!];
  for (const c of [bot, priya]) await send(c, xml('presence'));
}, 60_000);

afterAll(async () => {
  await Promise.all([bot, priya].map((c) => c?.stop().catch(() => {})));
  await prosody?.stop();
});

describe('a 1:1 message without an id', () => {
  it('is shown once live, and once again after a reload from the archive', async () => {
    // Fresh text on each try: a retry finds the first try's message in the archive too.
    const body = `Bed 4 needs you (${crypto.randomUUID().slice(0, 8)})`;
    const live: Incoming[] = [];
    const pipeline = pipelineOf(priya, live);
    const arrived = nextStanza(priya, (el) => el.name === 'message' && el.getChildText('body') === body);
    await send(bot, xml('message', { to: jid('nurse'), type: 'chat' }, xml('body', {}, body)));
    const onWire = await arrived;
    expect(onWire.attrs.id).toBeUndefined();
    await pipeline.drain();
    const shown = live.filter((e) => e.content.kind === 'text' && e.content.body === body);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toMatchObject({ from: jid('dispatcher'), mine: false });
    expect(shown[0]!.id).not.toBe('');

    // A reload: Priya's archive, paged.
    const queryid = crypto.randomUUID();
    const paged: Incoming[] = [];
    const reloaded = pipelineOf(priya, paged);
    await priya.iqCaller.request(mamQuery({ queryid, max: 20, with: jid('dispatcher') }) as never, 10_000);
    await reloaded.drain();
    const archived = paged.filter((e) => e.queryid === queryid && e.content.kind === 'text');
    const again = archived.filter((e) => e.content.kind === 'text' && e.content.body === body);
    expect(again).toHaveLength(1);

    // The live line, then the archive's page: one line.
    const c = newConversation(jid('dispatcher'), 'chat');
    for (const e of [...shown, ...again]) insert(c, lineOf(e as Parameters<typeof lineOf>[0]));
    expect(c.lines.map((l) => l.content.kind === 'text' && l.content.body)).toEqual([body]);
  });
});
