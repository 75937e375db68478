// Room identity against a real Prosody: two people with the same display
// name ("Sam Lee") in one room. Each joins under their account's own nick
// (a taken nick is refused with 409, which the app answers with the next
// one); each one's messages are theirs, by real JID; neither can correct or
// retract the other's, nor pass as the other with a forged <x/>, live or in
// the room's archive.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, nextStanza, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { NS_MUC_USER } from '@bleep/protocol';
import { xml, type XmlElement as PwaElement } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageContent } from '../messages/content.ts';
import { readStanza, type InboundContext } from '../messages/inbound.ts';
import { createMarkers } from '../messages/markers.ts';
import { mamQuery } from '../messages/mam.ts';
import { messageStanza } from '../messages/outbound.ts';
import { createPipeline } from '../messages/pipeline.ts';
import { createReceiver } from '../messages/receive.ts';
import { newConversation, type Conversation } from '../messages/timeline.ts';
import { configureIq, joinPresence, memberIq, parseJoinError, parseOccupant } from './codec.ts';
import { nickFor } from './joining.ts';

const PEOPLE = [
  { user: 'dispatcher', password: 'dispatcher-password-1' },
  { user: 'samlee', password: 'samlee-password-1' },
  { user: 'slee', password: 'slee-password-1' },
];

let prosody: RunningProsody;
let dana: Client;
let samlee: Client;
let slee: Client;
let room = '';
/** Dana's app, and Samlee's, listening from before anyone joins. */
let observer: ReturnType<typeof app>;
let sam: ReturnType<typeof app>;
const jid = (user: string) => `${user}@${prosody.settings.domain}`;
const send = (c: Client, el: PwaElement) => c.send(el as unknown as XmlElement);
const asPwa = (el: XmlElement) => el as unknown as PwaElement;

/** A member's app: its pipeline, with who is behind each nick from the room's presence, into its conversations. */
function app(c: Client, me: string) {
  const occupants: Record<string, string> = {};
  const conversations = new Map<string, Conversation>();
  const conversation = (j: string, type: Conversation['type']) => {
    if (!conversations.has(j)) conversations.set(j, newConversation(j, type));
    return conversations.get(j)!;
  };
  const receiver = createReceiver({
    conversation,
    typing: () => {},
    markers: createMarkers({ send: async () => {}, canSend: () => false, visible: () => false }),
    active: () => '',
    visible: () => false,
    incoming: () => {},
    archived: () => {},
    requestState: () => {},
    requestPlaced: () => {},
    alarm: () => {},
    incidentNews: () => {},
  });
  const ctx: InboundContext = {
    me,
    mucHost: prosody.settings.mucHost,
    opsHost: prosody.settings.opsHost,
    occupant: (r, nick) => occupants[`${r}/${nick}`] ?? '',
  };
  const pipeline = createPipeline(() => ctx, receiver.live);
  c.on('stanza', ((el: XmlElement) => {
    const occ = parseOccupant(asPwa(el), prosody.settings.mucHost);
    if (occ && !occ.left) occupants[`${occ.room}/${occ.nick}`] = occ.jid;
    pipeline.push(asPwa(el));
  }) as never);
  return { ctx, pipeline, lines: () => conversation(room, 'groupchat').lines };
}

async function enter(c: Client, nick: string): Promise<XmlElement> {
  const answer = nextStanza(c, (el) => el.name === 'presence' && el.attrs.from === `${room}/${nick}`);
  await send(c, joinPresence(room, nick));
  return answer;
}

/** Says something in the room and waits until Dana and Samlee have it: senders on two connections keep this order. */
async function say(c: Client, content: MessageContent, id: string, ...more: PwaElement[]): Promise<void> {
  const m = messageStanza({ jid: room, type: 'groupchat' }, content, id);
  m.children.push(...more);
  const has = (who: Client) => nextStanza(who, (el) => el.getChild('origin-id', 'urn:xmpp:sid:0')?.attrs.id === id);
  const seen = Promise.all([has(dana), has(samlee)]);
  await send(c, m);
  await seen;
}

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: PEOPLE });
  [dana, samlee, slee] = (await Promise.all(PEOPLE.map((p) => login(prosody.settings, p)))) as [Client, Client, Client];
  observer = app(dana, jid('dispatcher'));
  sam = app(samlee, jid('samlee'));
  room = `sam-and-sam@${prosody.settings.mucHost}`;
  await enter(dana, nickFor(jid('dispatcher')));
  await dana.iqCaller.request(configureIq(room, 'Two Sams') as never, 15_000);
  for (const who of ['samlee', 'slee']) await dana.iqCaller.request(memberIq(room, jid(who)) as never, 15_000);
}, 60_000);

afterAll(async () => {
  await Promise.all([dana, samlee, slee].map((c) => c?.stop().catch(() => {})));
  await prosody?.stop();
});

describe('two people named alike in one room', () => {
  it('lets both in under their own nicks; a taken nick is a 409 conflict, and the next nick gets in', async () => {
    expect((await enter(samlee, nickFor(jid('samlee')))).attrs.type).toBeUndefined();
    // As if slee's nick were taken (by another client, or the old display-name nick): refused with 409…
    const taken = await enter(slee, nickFor(jid('samlee')));
    expect(parseJoinError(asPwa(taken), prosody.settings.mucHost)).toEqual({ room, condition: 'conflict' });
    // …and their own nick, then the next one, gets in.
    expect((await enter(slee, nickFor(jid('slee'), 1))).attrs.type).toBeUndefined();
  });

  it("shows each one's messages as theirs; neither can change the other's, nor pass as the other", async () => {
    await say(samlee, { kind: 'text', body: 'I take bed 4' }, 's1');
    // Slee forges an <x/> naming Samlee, then tries to correct and retract Samlee's message.
    const forged = xml('x', { xmlns: NS_MUC_USER }, xml('item', { jid: jid('samlee') }));
    await say(slee, { kind: 'text', body: 'I take bed 5' }, 's2', forged);
    await say(slee, { kind: 'correction', replaces: 's1', body: 'I take nothing' }, 's3');
    await say(slee, { kind: 'retraction', retracts: 's1' }, 's4');
    await say(samlee, { kind: 'correction', replaces: 's1', body: 'I take beds 4 and 6' }, 's5');
    await say(samlee, { kind: 'text', body: 'the end' }, 's6');
    await Promise.all([observer.pipeline.drain(), sam.pipeline.drain()]);

    const seen = (lines: Conversation['lines']) =>
      lines.map((l) => ({
        from: l.from,
        mine: l.mine,
        body: l.content.kind === 'text' ? l.content.body : l.content.kind,
        edited: l.edited,
        retracted: l.retracted,
      }));
    const expected = [
      { from: jid('samlee'), body: 'I take beds 4 and 6', edited: true, retracted: false },
      { from: jid('slee'), body: 'I take bed 5', edited: false, retracted: false },
      { from: jid('samlee'), body: 'the end', edited: false, retracted: false },
    ];
    expect(seen(observer.lines())).toEqual(expected.map((l) => ({ ...l, mine: false })));
    expect(seen(sam.lines())).toEqual(expected.map((l) => ({ ...l, mine: l.from === jid('samlee') })));
  });

  it("names each sender from the room's archive the same way, forged <x/> or not", async () => {
    const ctx: InboundContext = {
      me: jid('dispatcher'),
      mucHost: prosody.settings.mucHost,
      opsHost: '',
      occupant: () => '',
    };
    const queryid = 'identity';
    const got: PwaElement[] = [];
    dana.on('stanza', ((el: XmlElement) => {
      if (el.getChild('result', 'urn:xmpp:mam:2')?.attrs.queryid === queryid) got.push(asPwa(el));
    }) as never);
    await dana.iqCaller.request(mamQuery({ queryid, max: 50, to: room, before: '' }) as never, 15_000);
    const texts = got.map((el) => readStanza(el, ctx)).filter((ev) => ev?.content.kind === 'text');
    expect(texts.map((ev) => [ev!.id, ev!.from])).toEqual([
      ['s1', jid('samlee')],
      ['s2', jid('slee')],
      ['s6', jid('samlee')],
    ]);
  });
});
