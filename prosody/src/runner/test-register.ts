// Test-only: in-band registration with an invite token, as a new person's
// client does it: STARTTLS, then the XEP-0401 preauth (Prosody's
// mod_invites_register checks the token), then XEP-0077 register.
// Resolves with Prosody's refusal text, or undefined when the account was made.
import { readFileSync } from 'node:fs';
import type { Settings } from '../settings/types.ts';
import { openRaw, streamHeader } from './raw-stream.ts';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/'/g, '&apos;');
const answerTo = (id: string) => new RegExp(`<iq[^>]*id='${id}'[^>]*(/>|>[\\s\\S]*?</iq>)`);
const refusal = (answer: string) => /<text[^>]*>([^<]*)<\/text>/.exec(answer)?.[1]?.replace(/&apos;/g, "'") ?? answer;

export async function registerWithInvite(
  s: Settings,
  token: string,
  user: string,
  password: string,
): Promise<string | undefined> {
  const raw = await openRaw(s.ports.c2s);
  try {
    raw.send(streamHeader(s.domain));
    await raw.until(/<\/stream:features>/);
    raw.send("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await raw.until(/<proceed/);
    await raw.upgrade({ ca: readFileSync(s.tls.cert, 'utf8'), servername: s.domain });
    raw.send(streamHeader(s.domain));
    await raw.until(/<\/stream:features>/);
    raw.send(`<iq type='set' id='pre'><preauth xmlns='urn:xmpp:pars:0' token='${esc(token)}'/></iq>`);
    const pre = (await raw.until(answerTo('pre'))).match(answerTo('pre'))![0];
    if (/type='error'/.test(pre)) return refusal(pre);
    raw.send(
      `<iq type='set' id='reg'><query xmlns='jabber:iq:register'><username>${esc(user)}</username><password>${esc(password)}</password></query></iq>`,
    );
    const reg = (await raw.until(answerTo('reg'))).match(answerTo('reg'))![0];
    return /type='error'/.test(reg) ? refusal(reg) : undefined;
  } finally {
    raw.close();
  }
}
