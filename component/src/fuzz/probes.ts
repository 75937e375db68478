// Liveness probes between fuzz batches, from an account the fuzzer does not
// use: the component must still answer a known IQ correctly, and non-ASCII
// text must come back exactly as sent (issue #14: a character split across
// TCP reads came back as U+FFFD).
import { NS_COMMANDS, NS_PING, NS_ROLE, NS_STANZAS } from '@bleep/protocol';
import { xml, type Client } from '@bleep/prosody-config/test-client';
import type { Random } from './random.ts';
import type { Watch } from './watch.ts';

export type ProbeResult = 'ok' | 'unanswered' | 'wrong' | 'mangled';

const CHARS = ['é', 'ß', '🩺', '中', 'Ж', 'ع', '\u00a0', 'ñ', '😷', 'a'];
const text = (r: Random, n: number) => Array.from({ length: n }, () => r.pick(CHARS)).join('');

/** Ping, then an unknown command whose name the refusal quotes back (at most 60 characters). */
export async function probeIq(client: Client, watch: Watch, ops: string, r: Random): Promise<ProbeResult> {
  const pong = await watch.request(
    client,
    xml('iq', { type: 'get', to: ops }, xml('ping', { xmlns: NS_PING })),
    10_000,
  );
  if (!pong) return 'unanswered';
  if (pong.attrs.type !== 'result') return 'wrong';
  const node = text(r, 40);
  const reply = await watch.request(
    client,
    xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' })),
  );
  if (!reply) return 'unanswered';
  const said = reply.getChild('error')?.getChildText('text', NS_STANZAS) ?? '';
  return said.includes(`"${node}"`) ? 'ok' : said.includes('\uFFFD') ? 'mangled' : 'wrong';
}

/** A role message, large enough to straddle TCP reads, must reach the role's one on-duty holder exactly as written. */
export async function probeRole(from: Client, to: Watch, ops: string, role: string, r: Random): Promise<ProbeResult> {
  const me = from.jid!.toString().split('/')[0]!;
  // Letters at both ends: the component trims a body's white space (U+00A0 included).
  const body = `A${text(r, 20)}${'🩺'.repeat(900 + r.int(200))}${text(r, 20)}Z`;
  const got = to.next((el) => el.getChild('delivered', NS_ROLE)?.attrs.sender === me, 10_000);
  await from.send(xml('message', { type: 'chat', to: `${role}@${ops}` }, xml('body', {}, body)));
  const el = await got;
  if (!el) return 'unanswered';
  return el.getChild('delivered', NS_ROLE)!.text() === body ? 'ok' : 'mangled';
}
