// map-frame (issue #9): the dispatcher's map in Chromium with 500 live
// markers while their locations stream in at 100 updates/s (500 on-duty
// publishers, each every 5 s, over the real Prosody and component). The
// figure is the p95 interval between animation frames in the page
// (requestAnimationFrame), target ≤ 33 ms (30 frames/s); the baseline is the
// same page, same markers, with no updates streaming.
import { startTestProsody } from '@bleep/prosody-config/runner';
import { login, xml, type Client } from '@bleep/prosody-config/test-client';
import type { Page } from 'playwright-core';
import { startComponent } from '../component/src/index.ts';
import { createLogger } from '../component/src/log.ts';
import { openBrowser } from '../e2e/support/browser.ts';
import { signIn } from '../e2e/support/sign-in.ts';
import type { TestStack } from '../e2e/support/stack.ts';
import { serveWeb } from '../pwa/server/index.ts';
import { useNativePbkdf2 } from '../prosody/src/runner/fast-scram.ts';
import { percentile, type BenchResult } from './results.ts';

const MARKERS = Number(process.env.BENCH_MAP_MARKERS ?? 500);
const RATE = 100;
const SECONDS = 10;
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_GEOLOC = 'http://jabber.org/protocol/geoloc';

/** Frame intervals in the page for `ms`, from requestAnimationFrame. */
const frames = (page: Page, ms: number) =>
  page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const out: number[] = [];
        let last = performance.now();
        const end = last + ms;
        const tick = (t: number) => {
          out.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
    ms,
  );

export async function mapFrame(say: (l: string) => void): Promise<BenchResult[]> {
  useNativePbkdf2();
  const staff = Array.from({ length: MARKERS }, (_, i) => ({ user: `staff${i}`, password: `staff-password-${i}` }));
  const dispatcher = { user: 'dispatcher', password: 'dispatcher-password-1' };
  say(`  starting Prosody, the component and the web server with ${MARKERS} staff on duty`);
  // On fresh ports again if one chosen for it is taken before it binds; the web server's port is chosen with them.
  const prosody = await startTestProsody({ accounts: [...staff, dispatcher] });
  const { settings } = prosody;
  const d = settings.domain;
  const seed = [
    ...staff.map((a, i) => ({
      jid: `${a.user}@${d}`,
      name: `Staff ${i}`,
      roles: [['doctor', 'nurse'][i % 2]!],
      onDuty: true,
    })),
    { jid: `dispatcher@${d}`, name: 'Dana Reyes', roles: ['dispatcher'] },
  ];
  const component = await startComponent({ settings, seed, logger: createLogger('silent') });
  const web = await serveWeb({ settings });
  const browser = await openBrowser(settings.tls.cert);
  const clients: Client[] = [];
  try {
    const pubs: Client[] = [];
    for (let i = 0; i < staff.length; i += 25)
      pubs.push(...(await Promise.all(staff.slice(i, i + 25).map((a) => login(settings, a)))));
    clients.push(...pubs);
    const publish = (k: number) => {
      const i = k % pubs.length;
      const geoloc = xml(
        'geoloc',
        { xmlns: NS_GEOLOC },
        // Spread over the campus (demo site bounds), moving a little each time.
        xml('lat', {}, (52.0002 + ((i * 37 + k) % 360) * 1e-5).toFixed(6)),
        xml('lon', {}, (4.3602 + ((i * 53 + k) % 660) * 1e-5).toFixed(6)),
        xml('accuracy', {}, '10'),
        xml('timestamp', {}, new Date().toISOString()),
      );
      void pubs[i]!.send(
        xml(
          'iq',
          { type: 'set', to: settings.opsHost, id: `m${k}` },
          xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: 'locations' }, xml('item', {}, geoloc))),
        ),
      );
    };
    for (let k = 0; k < pubs.length; k++) publish(k);

    const page = await browser.context.newPage();
    const stack = { url: web.url, accounts: [{ ...dispatcher, jid: `dispatcher@${d}` }] } as unknown as TestStack;
    await signIn(page, stack, 'dispatcher');
    await page.getByTestId('tab-map').click();
    await page
      .getByTestId('map-count')
      .filter({ hasText: `${MARKERS} sharing` })
      .waitFor({ timeout: 60_000 });
    say(`  ${MARKERS} markers on the map; idle frames, then ${RATE} updates/s for ${SECONDS} s`);
    const idle = (await frames(page, 5000)).sort((a, b) => a - b);

    let streaming = true;
    const pump = (async () => {
      const t0 = performance.now();
      for (let k = pubs.length; streaming; k++) {
        const wait = t0 + ((k - pubs.length) * 1000) / RATE - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        publish(k);
      }
    })();
    await new Promise((r) => setTimeout(r, 1000)); // updates arriving
    const busy = (await frames(page, SECONDS * 1000)).sort((a, b) => a - b);
    streaming = false;
    await pump;
    const [p95, base] = [percentile(busy, 95), percentile(idle, 95)];
    say(`  frame p50 ${percentile(busy, 50).toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (idle p95 ${base.toFixed(1)} ms)`);
    return [
      {
        name: 'map-frame',
        metric: 'p95',
        value: p95,
        unit: 'ms',
        baseline: base,
        ratio: p95 / base,
        target: 33,
        targetKind: 'absolute',
        n: busy.length,
      },
    ];
  } finally {
    await browser.close();
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    await web.stop();
    await component.stop();
    await prosody.stop();
  }
}
