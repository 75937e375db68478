// Where send-to-display time goes: `npx node bench/latency-breakdown.ts`
// (N=100 by default). Figures are p50 / p95 in ms. Not part of `npm run bench`: it wraps each page's
// WebSocket to stamp frames, which the benchmark must not do. Prints medians of
//   submit → ws.send (sender's app), ws.send → ws message (network, proxy,
//   Prosody, browser plumbing), ws message → on screen (receiver's app),
// and the same network leg for hand-written frames sent on the sender's socket
// without xmpp.js or Vue: not archived, archived, and archived with the
// PWA's receipt/marker/origin-id children (the floor the app stands on).
import type { Page } from 'playwright-core';
import { openContexts } from '../e2e/support/browser.ts';
import { account, startTestStack } from '../e2e/support/stack.ts';
import { ensurePwaBuilt } from '../scripts/stack/build-pwa.ts';
import { BLEEP_BODY, bleepSend, openBleepChat } from './bleep-page.ts';
import { p50p95 as median, stampFrames, stamps, type Stamped } from './frame-stamps.ts';

const N = Number(process.env.N ?? 100);
const say = (line: string) => process.stdout.write(`${line}\n`);

ensurePwaBuilt(() => {});
const stack = await startTestStack();
const chromium = await openContexts(stack.settings.tls.cert, 2);
try {
  for (const c of chromium.contexts) await c.addInitScript(stampFrames, BLEEP_BODY);
  const [pa, pb] = (await Promise.all(chromium.contexts.map((c) => c.newPage()))) as [Page, Page];
  const amara = account(stack, 'doctor1');
  await openBleepChat(pa, stack, 'dispatcher', 'doctor1');
  await openBleepChat(pb, stack, 'doctor1', 'dispatcher');

  const submitted: number[] = [];
  for (let i = 0; i < N; i++) {
    const text = `bench-${i}`;
    submitted.push(await bleepSend(pa, text));
    await pb.waitForFunction((t) => (window as unknown as Stamped).__t.shown[t], text, { timeout: 10_000 });
  }
  const [a, b] = [await stamps(pa), await stamps(pb)];
  const keys = submitted.map((_, i) => `bench-${i}`);
  say(`submit → ws.send        ${median(keys.map((k, i) => a.send[k]! - submitted[i]!))} ms (p50 / p95)`);
  say(`ws.send → ws message    ${median(keys.map((k) => b.recv[k]! - a.send[k]!))} ms (p50 / p95)`);
  say(`ws message → on screen  ${median(keys.map((k) => b.shown[k]! - b.recv[k]!))} ms (p50 / p95)`);
  say(`submit → on screen      ${median(keys.map((k, i) => b.shown[k]! - submitted[i]!))} ms (p50 / p95)`);

  const frames: Record<string, (key: string) => string> = {
    'not archived': (k) =>
      `<message xmlns='jabber:client' type='chat' to='${amara.jid}'><body>${k}</body><no-store xmlns='urn:xmpp:hints'/></message>`,
    archived: (k) => `<message xmlns='jabber:client' type='chat' to='${amara.jid}'><body>${k}</body></message>`,
    'as the PWA sends it': (k) =>
      `<message xmlns='jabber:client' type='chat' to='${amara.jid}' id='${k}'><body>${k}</body>` +
      `<request xmlns='urn:xmpp:receipts'/><markable xmlns='urn:xmpp:chat-markers:0'/>` +
      `<origin-id xmlns='urn:xmpp:sid:0' id='${k}'/></message>`,
  };
  let n = 0;
  for (const [name, frame] of Object.entries(frames)) {
    const legs: number[] = [];
    for (let i = 0; i < N; i++) {
      const k = `floor-${n++}`;
      const sent = await pa.evaluate((f) => {
        const w = window as unknown as Stamped;
        const at = performance.timeOrigin + performance.now();
        // Straight onto the app's socket: xmpp.js's stream-management count drifts, which is fine here.
        WebSocket.prototype.send.call(w.__sockets.at(-1)!, f);
        return at;
      }, frame(k));
      await pb.waitForFunction((t) => (window as unknown as Stamped).__t.recv[t], k, { timeout: 10_000 });
      legs.push((await stamps(pb)).recv[k]! - sent);
    }
    say(`floor, ${name}: ws.send → ws message ${median(legs)} ms (p50 / p95)`);
  }
} finally {
  await chromium.close();
  await stack.close();
}
