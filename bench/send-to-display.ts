// Send to display: from Send in one browser to the text on screen in the
// other, over loopback, against two bare @xmpp/client Node clients exchanging
// the same messages through the same Prosody. Rounds alternate between the
// two so that machine noise hits both alike. Both pages stamp times with
// performance.timeOrigin + performance.now() (one machine clock), so the
// browser figure includes neither Playwright nor the call that paces it.
import { login, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { openContexts, type Browser } from '../e2e/support/browser.ts';
import { account, startTestStack } from '../e2e/support/stack.ts';
import { messageStanza } from '../pwa/src/features/messages/outbound.ts';
import { BLEEP_BODY, bleepSend, openBleepChat } from './bleep-page.ts';
import { pageRound, watchDisplay, within } from './display.ts';
import { percentileRows, type BenchResult } from './results.ts';

const TOTAL = Number(process.env.BENCH_MESSAGES ?? 200);
const ROUND = 25;

async function smEnabled(c: Client): Promise<void> {
  const sm = (c as unknown as { streamManagement?: { enabled: boolean } }).streamManagement;
  for (let i = 0; i < 250 && sm && !sm.enabled; i++) await new Promise((r) => setTimeout(r, 20));
}

async function nodeRound(a: Client, b: Client, to: string, start: number, count: number, out: number[]): Promise<void> {
  for (let i = start; i < start + count; i++) {
    const text = `bench-node-${i}`;
    const emitter = b as unknown as {
      on(e: string, f: (el: XmlElement) => void): void;
      off(e: string, f: unknown): void;
    };
    const got = new Promise<number>((resolve) => {
      const on = (el: XmlElement) => {
        if (el.getChildText('body') !== text) return;
        emitter.off('stanza', on);
        resolve(performance.now());
      };
      emitter.on('stanza', on);
    });
    const t0 = performance.now();
    // The same message as the PWA's, from its own builder (body, receipt
    // request, marker, origin-id, chat state).
    await a.send(messageStanza({ jid: to, type: 'chat' }, { kind: 'text', body: text }, text) as unknown as XmlElement);
    out.push((await within(got, 10_000, `baseline message ${i}`)) - t0);
  }
}

export async function sendToDisplay(progress: (line: string) => void): Promise<BenchResult[]> {
  const stack = await startTestStack();
  const browsers: Browser[] = [];
  const clients: Client[] = [];
  try {
    progress('send-to-display: stack up; opening two browsers');
    // One Chromium, two contexts (two people), as the baseline is one Node process with two clients.
    const chromium = await openContexts(stack.settings.tls.cert, 2);
    browsers.push({ context: chromium.contexts[0]!, close: chromium.close });
    const [pa, pb] = await Promise.all(chromium.contexts.map((c) => c.newPage()));
    await openBleepChat(pa!, stack, 'dispatcher', 'doctor1');
    await openBleepChat(pb!, stack, 'doctor1', 'dispatcher');
    const bleep = { from: pa!, send: bleepSend, shown: await watchDisplay(pb!, BLEEP_BODY) };
    progress('send-to-display: both browsers signed in; logging in the Node baseline clients');
    // Baseline: two other staff accounts as bare Node clients, through the same Prosody.
    // (Not Dana's and Amara's own: their browser sessions take carbons of every message.)
    const na = await login(stack.settings, account(stack, 'doctor2'));
    const nb = await login(stack.settings, account(stack, 'nurse'));
    clients.push(na, nb);
    // DESIGN.md trap: send nothing until stream management is enabled.
    for (const c of clients) await smEnabled(c);
    await nb.send(xml('presence'));
    await na.send(xml('presence'));

    const pwa: number[] = [];
    const node: number[] = [];
    for (let start = 0; start < TOTAL; start += ROUND) {
      const count = Math.min(ROUND, TOTAL - start);
      await nodeRound(na, nb, String(nb.jid), start, count, node);
      await pageRound(bleep, 'bleep', start, count, pwa);
      progress(`send-to-display: ${start + count}/${TOTAL} messages each`);
    }
    return percentileRows('send-to-display', pwa, node, 1.5);
  } finally {
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    for (const b of browsers) await b.close().catch(() => {});
    await stack.close();
  }
}
