// In-band registration with an invite token, over the app's own WebSocket
// (RFC 7395 framing), before any sign-in: the XEP-0401 preauth with the token
// (Prosody's mod_invites_register checks it), then XEP-0077 register. The
// browser build of @xmpp/client has no in-band registration, and this is
// three stanzas on an unauthenticated stream, so it speaks them itself.
// Resolves with undefined when the account was made, else the server's reason.
// https://xmpp.org/extensions/xep-0401.html · https://xmpp.org/extensions/xep-0077.html
import { xml } from '@xmpp/client';
import { serviceUrl, type ServerConfig } from './config.ts';

const FRAMING = 'urn:ietf:params:xml:ns:xmpp-framing';
const WAIT_MS = 15_000;

/** One frame is one element (RFC 7395 §3.3.3); parsed at this edge. */
function parse(frame: string): Element | undefined {
  const doc = new DOMParser().parseFromString(frame, 'application/xml');
  return doc.getElementsByTagName('parsererror').length ? undefined : doc.documentElement;
}

/** RFC 6120 §8.3.2: an error's readable text, else its condition. */
function refusal(iq: Element): string | undefined {
  if (iq.getAttribute('type') !== 'error') return undefined;
  const error = iq.getElementsByTagName('error')[0];
  const text = error?.getElementsByTagName('text')[0]?.textContent;
  return text || error?.firstElementChild?.localName || 'refused';
}

export async function registerWithInvite(
  config: ServerConfig,
  token: string,
  username: string,
  password: string,
): Promise<string | undefined> {
  const ws = new WebSocket(serviceUrl(config), 'xmpp');
  const frames: Element[] = [];
  const waiting: (() => void)[] = [];
  ws.onmessage = (e) => {
    const el = parse(String(e.data));
    if (el) frames.push(el);
    waiting.splice(0).forEach((w) => w());
  };
  const closed = new Promise<void>((resolve) => (ws.onclose = ws.onerror = () => resolve()));
  const next = async (match: (el: Element) => boolean): Promise<Element> => {
    const until = Date.now() + WAIT_MS;
    for (;;) {
      const i = frames.findIndex(match);
      if (i >= 0) return frames.splice(i, 1)[0]!;
      if (ws.readyState > WebSocket.OPEN || Date.now() > until) throw new Error('The server did not answer.');
      await Promise.race([new Promise<void>((r) => waiting.push(r)), closed, new Promise((r) => setTimeout(r, 500))]);
    }
  };
  const iq = async (id: string, payload: ReturnType<typeof xml>) => {
    ws.send(xml('iq', { xmlns: 'jabber:client', type: 'set', id }, payload).toString());
    return next((el) => el.localName === 'iq' && el.getAttribute('id') === id);
  };
  try {
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      void closed.then(() => reject(new Error('The server cannot be reached.')));
    });
    ws.send(xml('open', { xmlns: FRAMING, to: config.domain, version: '1.0' }).toString());
    await next((el) => el.localName === 'features');
    const pre = refusal(await iq('preauth', xml('preauth', { xmlns: 'urn:xmpp:pars:0', token })));
    if (pre) return pre;
    return refusal(
      await iq(
        'register',
        xml('query', { xmlns: 'jabber:iq:register' }, xml('username', {}, username), xml('password', {}, password)),
      ),
    );
  } finally {
    if (ws.readyState === WebSocket.OPEN) ws.send(xml('close', { xmlns: FRAMING }).toString());
    ws.close();
  }
}
