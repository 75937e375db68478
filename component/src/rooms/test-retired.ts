// A department room as a person sees it on the real Prosody, for the int tests
// of retirement (retire.ts): its name, what its archive holds for them, and
// whether they may still write in it.
import { NS_DISCO_INFO, NS_MUC, NS_MUC_USER, NS_STANZAS } from '@bleep/protocol';
import type { Client, XmlElement } from '@bleep/prosody-config/test-client';
import { exchange, nextStanza, xml } from '../test-support.ts';

const NS_MAM = 'urn:xmpp:mam:2';
/** Each client's nickname in rooms: its account's local part. */
const nick = (c: Client) => c.jid!.toString().split('@')[0]!;

/** The room's name as it says it (XEP-0045 §6.4: disco#info identity). */
export const roomName = async (c: Client, room: string) =>
  (await exchange(c, xml('iq', { type: 'get', to: room }, xml('query', { xmlns: NS_DISCO_INFO }))))
    .getChild('query', NS_DISCO_INFO)
    ?.getChild('identity')?.attrs.name;

/** The bodies of the room's archive as `c` reads them (XEP-0313); throws if the room refuses the query. */
export async function archiveBodies(c: Client, room: string): Promise<string[]> {
  const bodies: string[] = [];
  const collect = (el: XmlElement) => {
    const body = el.getChild('result', NS_MAM)?.getChild('forwarded')?.getChild('message')?.getChildText('body');
    if (el.attrs.from === room && body) bodies.push(body);
  };
  c.on('stanza', collect as never);
  try {
    const done = await exchange(c, xml('iq', { type: 'set', to: room }, xml('query', { xmlns: NS_MAM })));
    if (done.attrs.type !== 'result') throw new Error(`archive query refused: ${done.toString().slice(0, 200)}`);
  } finally {
    c.removeListener('stanza', collect as never);
  }
  return bodies;
}

/** Joins (or is in already: a presence update) and returns the role the room gives `c`, or the error condition. */
export async function roleIn(c: Client, room: string): Promise<string> {
  const answer = nextStanza(c, (el) => el.name === 'presence' && el.attrs.from === `${room}/${nick(c)}`);
  await c.send(xml('presence', { to: `${room}/${nick(c)}` }, xml('x', { xmlns: NS_MUC })));
  const p = await answer;
  if (p.attrs.type === 'error') return `error: ${p.getChild('error')?.toString() ?? ''}`;
  return p.getChild('x', NS_MUC_USER)?.getChild('item')?.attrs.role ?? '';
}

/** Says `text` in the room: '' when the room takes it (its echo), else the readable text of its refusal. */
export async function sayIn(c: Client, room: string, text: string): Promise<string> {
  const id = `say-${Math.random().toString(36).slice(2)}`;
  const answer = nextStanza(c, (el) => el.name === 'message' && el.attrs.id === id);
  await c.send(xml('message', { type: 'groupchat', to: room, id }, xml('body', {}, text)));
  const m = await answer;
  return m.attrs.type === 'error' ? (m.getChild('error')?.getChildText('text', NS_STANZAS) ?? '(no text)') : '';
}
