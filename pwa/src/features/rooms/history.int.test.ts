// MAM paging against a real Prosody, with the PWA's own query builders and
// its inbound pipeline's reader: a 1:1 conversation and a members-only room, paged backwards to the
// first message, then caught up forwards after a gap. Nothing is lost, nothing
// comes twice, and the room's archive is closed to people who are not members.
import { startTestProsody, type RunningProsody } from '@bleep/prosody-config/runner';
import { login, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { xml, type XmlElement as PwaElement } from '@xmpp/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStanza, type InboundContext } from '../messages/inbound.ts';
import { mamQuery, parseFin, type MamPage, type MamRequest } from '../messages/mam.ts';
import { messageStanza } from '../messages/outbound.ts';
import { configureIq, joinPresence, memberIq } from './codec.ts';

const PEOPLE = [
  { user: 'dispatcher', password: 'dispatcher-password-1' },
  { user: 'nurse', password: 'nurse-password-1' },
  { user: 'porter', password: 'porter-password-1' },
];
const TOTAL = 45;
const PAGE = 20;

let prosody: RunningProsody;
let dana: Client;
let priya: Client;
let porter: Client;
let domain = '';
let room = '';

// The PWA's builders make @xmpp/client elements; the test client sends the same objects.
const send = (c: Client, el: PwaElement) => c.send(el as unknown as XmlElement);
const asPwa = (el: XmlElement) => el as unknown as PwaElement;
const text = (to: string, type: 'chat' | 'groupchat', body: string, id: string) =>
  messageStanza({ jid: to, type }, { kind: 'text', body }, id);
/** What Dana's app reads from a stanza (the room's archive names senders itself). */
const ctx = (): InboundContext => ({
  me: `dispatcher@${domain}`,
  mucHost: prosody.settings.mucHost,
  opsHost: prosody.settings.opsHost,
  occupant: () => '',
});

/** Runs one archive query; returns the page's stanzas (in arrival order) and its <fin/>. */
async function page(c: Client, q: Omit<MamRequest, 'queryid' | 'max'>) {
  const queryid = crypto.randomUUID();
  const got: PwaElement[] = [];
  c.on('stanza', ((el: XmlElement) => {
    if (el.getChild('result', 'urn:xmpp:mam:2')?.attrs.queryid === queryid) got.push(asPwa(el));
  }) as never);
  const fin = parseFin(asPwa(await c.iqCaller.request(mamQuery({ queryid, max: PAGE, ...q }) as never, 15_000)));
  return { got, fin: fin as MamPage };
}

/** Pages backwards from the newest message to the first, as scrolling up does. */
async function pageBackwards(c: Client, q: Omit<MamRequest, 'queryid' | 'max'>, read: (el: PwaElement) => string) {
  const pages: string[][] = [];
  let before = '';
  for (let i = 0; i < 10; i++) {
    const { got, fin } = await page(c, { ...q, before });
    pages.unshift(got.map(read));
    if (fin.complete) break;
    before = fin.first;
  }
  return pages;
}

function until(c: Client, match: (el: XmlElement) => boolean): Promise<XmlElement> {
  return new Promise((resolve) => c.on('stanza', ((el: XmlElement) => match(el) && resolve(el)) as never));
}

async function enter(c: Client, nick: string): Promise<XmlElement> {
  const self = until(
    c,
    (el) => el.name === 'presence' && el.attrs.from === `${room}/${nick}` && el.toString().includes('code="110"'),
  );
  await send(c, joinPresence(room, nick));
  return self;
}

const numbered = Array.from({ length: TOTAL }, (_, i) => `message ${i + 1}`);

beforeAll(async () => {
  prosody = await startTestProsody({ accounts: PEOPLE });
  domain = prosody.settings.domain;
  [dana, priya, porter] = (await Promise.all(PEOPLE.map((p) => login(prosody.settings, p)))) as [
    Client,
    Client,
    Client,
  ];
  // Available, so that messages to the bare JID reach the session (RFC 6121 §8.5.2.1.1).
  for (const c of [dana, priya, porter]) await send(c, xml('presence'));
  room = `ward-history@${prosody.settings.mucHost}`;
  const created = await enter(dana, 'Dana');
  expect(created.toString()).toContain('code="201"');
  await dana.iqCaller.request(configureIq(room, 'Ward history') as never, 15_000);
  await dana.iqCaller.request(memberIq(room, `nurse@${domain}`) as never, 15_000);
  await enter(priya, 'Priya');
}, 60_000);

afterAll(async () => {
  await Promise.all([dana, priya, porter].map((c) => c?.stop().catch(() => {})));
  await prosody?.stop();
});

describe('history paging (XEP-0313 with XEP-0059)', () => {
  it('pages a 1:1 conversation back to its first message, each once, in order', async () => {
    for (const [i, body] of numbered.entries()) await send(priya, text(`dispatcher@${domain}`, 'chat', body, `c${i}`));
    await until(dana, (el) => el.getChildText('body') === numbered.at(-1));
    const read = (el: PwaElement) => {
      const ev = readStanza(el, ctx());
      return ev?.content.kind === 'text' ? ev.content.body : '?';
    };
    const pages = await pageBackwards(dana, { with: `nurse@${domain}` }, read);
    expect(pages.map((p) => p.length)).toEqual([5, 20, 20]);
    expect(pages.flat()).toEqual(numbered);
  });

  it("pages a room's archive back to its first message, with each sender's real JID", async () => {
    // The last one as a client without origin-id (XEP-0359) would send it.
    for (const [i, body] of numbered.entries())
      await send(
        priya,
        i < TOTAL - 1
          ? text(room, 'groupchat', body, `g${i}`)
          : xml('message', { to: room, type: 'groupchat', id: 'plain' }, xml('body', {}, body)),
      );
    await until(dana, (el) => el.attrs.type === 'groupchat' && el.getChildText('body') === numbered.at(-1));
    const senders = new Set<string>();
    const read = (el: PwaElement) => {
      const ev = readStanza(el, ctx());
      if (ev?.content.kind !== 'text') return '?';
      senders.add(ev.from);
      return ev.content.body;
    };
    const pages = await pageBackwards(dana, { to: room }, read);
    expect(pages.flat()).toEqual(numbered);
    expect(pages.map((p) => p.length)).toEqual([5, 20, 20]);
    expect([...senders]).toEqual([`nurse@${domain}`]);
  });

  it('catches up after a gap with exactly the messages missed', async () => {
    const newest = await page(dana, { to: room, before: '' });
    const missed = ['after the gap 1', 'after the gap 2', 'after the gap 3'];
    for (const [i, body] of missed.entries()) await send(priya, text(room, 'groupchat', body, `gap${i}`));
    await until(dana, (el) => el.attrs.type === 'groupchat' && el.getChildText('body') === missed.at(-1));
    const { got, fin } = await page(dana, { to: room, after: newest.fin.last });
    expect(got.map((el) => readStanza(el, ctx())?.content.kind === 'text' && el.toString())).toHaveLength(3);
    expect(
      got.map((el) => el.getChild('result')?.getChild('forwarded')?.getChild('message')?.getChildText('body')),
    ).toEqual(missed);
    expect(fin.complete).toBe(true);
  });

  it("refuses the room's archive to someone who is not a member", async () => {
    const refused = await porter.iqCaller
      .request(mamQuery({ queryid: 'q', max: PAGE, to: room, before: '' }) as never, 15_000)
      .then(
        () => 'answered',
        (err: { condition?: string }) => err.condition,
      );
    expect(refused).toBe('forbidden');
  });
});
