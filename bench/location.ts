// location-throughput and location-latency (issue #9): staff publishing
// XEP-0080 locations, dispatchers subscribed, on Bleep's location service
// (ops.<domain>, node `locations`) and, in the same run on the same Prosody
// and the same clients, on Prosody's own mod_pubsub (pubsub.<domain>) on a
// node that keeps its items (persist_items = true, SQL storage) — the
// baseline — and one that does not (printed for reference).
//
// Latency: each geoloc's <timestamp> is the moment it was sent; a
// dispatcher's notification is timed against it (one process, one clock).
// Throughput: steps of rising publish rates, alternating Bleep and baseline;
// a rate counts as sustained when every notification reached every
// dispatcher and p95 stayed under 250 ms.
import { startTestProsody } from '@bleep/prosody-config/runner';
import { useNativePbkdf2 } from '../prosody/src/runner/fast-scram.ts';
import { login, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { startComponent } from '../component/src/index.ts';
import { createLogger } from '../component/src/log.ts';
import { percentile, percentileRows, type BenchResult } from './results.ts';

const PUBLISHERS = Number(process.env.BENCH_LOCATION_PUBLISHERS ?? 500);
const DISPATCHERS = 5;
const STEP_S = 4;
const RATES = [100, 200, 300, 400, 600, 800];
const LATENCY_RATE = 100;
const LATENCY_S = 6;
const P95_LIMIT_MS = 250;
const NS_PUBSUB = 'http://jabber.org/protocol/pubsub';
const NS_GEOLOC = 'http://jabber.org/protocol/geoloc';
const NS_DATA = 'jabber:x:data';
/** testSettings()'s Prosody admin: mod_pubsub lets only admins create nodes. */
const ADMIN = { user: 'admin', password: 'admin-password-1' };

type Target = { name: string; to: string; node: string };

let run: Promise<BenchResult[]> | undefined;

/** Both figures come from one run; each name returns its own rows. */
export async function locationBench(name: 'location-throughput' | 'location-latency', say: (l: string) => void) {
  run ??= measure(say);
  return (await run).filter((r) => r.name === name);
}

async function measure(say: (l: string) => void): Promise<BenchResult[]> {
  useNativePbkdf2();
  // Set here, since the baseline's component host in the config is named before Prosody starts.
  const d = 'bleep.localhost';
  const pubsubHost = `pubsub.${d}`;
  const staff = Array.from({ length: PUBLISHERS }, (_, i) => ({ user: `staff${i}`, password: `staff-password-${i}` }));
  const disp = Array.from({ length: DISPATCHERS }, (_, i) => ({ user: `disp${i}`, password: `disp-password-${i}` }));
  say(`  starting Prosody with ${PUBLISHERS + DISPATCHERS} accounts and mod_pubsub on ${pubsubHost}`);
  // On fresh ports again if one chosen for it is taken before it binds (startTestProsody, as the tests do).
  const prosody = await startTestProsody({
    overrides: { BLEEP_DOMAIN: d },
    accounts: [...staff, ...disp, ADMIN],
    // The baseline: Prosody's own XEP-0060 service beside Bleep's component, on the same server.
    extraConfig: [`Component "${pubsubHost}" "pubsub"`, `  pubsub_max_items = ${PUBLISHERS * 2}`].join('\n'),
  });
  const { settings } = prosody;
  const seed = [
    ...staff.map((a) => ({ jid: `${a.user}@${d}`, name: `Staff ${a.user}`, roles: ['nurse'], onDuty: true })),
    ...disp.map((a) => ({ jid: `${a.user}@${d}`, name: `Dispatcher ${a.user}`, roles: ['dispatcher'] })),
  ];
  const component = await startComponent({ settings, seed, logger: createLogger('silent') });
  const clients: Client[] = [];
  try {
    say('  signing in');
    const pubs: Client[] = [];
    for (let i = 0; i < staff.length; i += 25)
      pubs.push(...(await Promise.all(staff.slice(i, i + 25).map((a) => login(settings, a)))));
    const dispatchers = await Promise.all(disp.map((a) => login(settings, a)));
    const admin = await login(settings, ADMIN);
    clients.push(...pubs, ...dispatchers, admin);

    // Baseline nodes, created by an admin: open publishing, room for everyone's item.
    const create = (node: string, persist: boolean) =>
      admin.iqCaller.request(
        xml(
          'iq',
          { type: 'set', to: pubsubHost },
          xml(
            'pubsub',
            { xmlns: NS_PUBSUB },
            xml('create', { node }),
            xml(
              'configure',
              {},
              xml(
                'x',
                { xmlns: NS_DATA, type: 'submit' },
                field('FORM_TYPE', 'http://jabber.org/protocol/pubsub#node_config'),
                field('pubsub#persist_items', persist ? '1' : '0'),
                field('pubsub#publish_model', 'open'),
                field('pubsub#max_items', String(PUBLISHERS * 2)),
              ),
            ),
          ),
        ),
      );
    await create('locations', true);
    await create('locations-mem', false);
    const targets: Target[] = [
      { name: 'Bleep', to: settings.opsHost, node: 'locations' },
      { name: 'mod_pubsub', to: pubsubHost, node: 'locations' },
      { name: 'mod_pubsub (persist_items=false)', to: pubsubHost, node: 'locations-mem' },
    ];
    const received = new Map<string, number[]>(); // key → latencies
    let counting: string | undefined;
    function onNotification(_i: number, el: XmlElement) {
      if (el.name !== 'message' || !counting) return;
      const items = el.getChild('event', 'http://jabber.org/protocol/pubsub#event')?.getChild('items');
      const ts = items?.getChild('item')?.getChild('geoloc', NS_GEOLOC)?.getChildText('timestamp');
      if (!ts || !items!.attrs.node) return;
      const key = `${el.attrs.from}|${items!.attrs.node}`;
      if (key !== counting) return;
      received.get(key)!.push(Date.now() - Date.parse(ts));
    }

    // Every dispatcher subscribes to each (Bleep wants its directed presence for the subscription's lifetime).
    for (const [i, c] of dispatchers.entries()) {
      await c.send(xml('presence', { to: settings.opsHost }));
      for (const t of targets)
        await c.iqCaller.request(
          xml(
            'iq',
            { type: 'set', to: t.to },
            xml('pubsub', { xmlns: NS_PUBSUB }, xml('subscribe', { node: t.node, jid: c.jid!.toString() })),
          ),
        );
      c.on('stanza', ((el: XmlElement) => onNotification(i, el)) as never);
    }

    let errors = 0;
    const publish = (t: Target, k: number) => {
      const c = pubs[k % pubs.length]!;
      const jid = `staff${k % pubs.length}@${d}`;
      const geoloc = xml(
        'geoloc',
        { xmlns: NS_GEOLOC },
        xml('lat', {}, (52.001 + (k % 97) * 1e-5).toFixed(6)),
        xml('lon', {}, (4.361 + (k % 89) * 1e-5).toFixed(6)),
        xml('accuracy', {}, '8'),
        xml('timestamp', {}, new Date().toISOString()),
      );
      const iq = xml(
        'iq',
        { type: 'set', to: t.to, id: `p${k}-${Math.random().toString(36).slice(2, 8)}` },
        xml('pubsub', { xmlns: NS_PUBSUB }, xml('publish', { node: t.node }, xml('item', { id: jid }, geoloc))),
      );
      c.iqCaller.request(iq, 10_000).catch(() => errors++);
    };

    /** Publishes at `rate` for `seconds` (spread over the publishers, each at most every 5 s at 100/s), then waits for stragglers. */
    async function step(t: Target, rate: number, seconds: number) {
      const key = `${t.to}|${t.node}`;
      received.set(key, []);
      counting = key;
      errors = 0;
      const total = rate * seconds;
      const t0 = performance.now();
      for (let k = 0; k < total; k++) {
        const due = t0 + (k * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await new Promise((r) => setTimeout(r, wait));
        publish(t, k);
      }
      const deadline = Date.now() + 5000;
      while (received.get(key)!.length < total * DISPATCHERS && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 50));
      counting = undefined;
      const lat = [...received.get(key)!].sort((a, b) => a - b);
      return { total, delivered: lat.length, expected: total * DISPATCHERS, errors, lat };
    }

    // Latency at 100 publishes/s, alternating, two rounds each.
    say(`  location-latency: ${LATENCY_RATE}/s for ${LATENCY_S} s, alternating`);
    const lat: Record<string, number[]> = { Bleep: [], mod_pubsub: [] };
    for (let round = 0; round < 2; round++)
      for (const t of targets.slice(0, 2)) {
        const r = await step(t, LATENCY_RATE, LATENCY_S);
        lat[t.name]!.push(...r.lat);
        say(
          `    ${t.name}: delivered ${r.delivered}/${r.expected}, p50 ${percentile(r.lat, 50)} ms, p95 ${percentile(r.lat, 95)} ms`,
        );
      }

    // Throughput: rising rates, alternating; the highest sustained per target.
    say(`  location-throughput: ${RATES.join(', ')}/s, ${STEP_S} s each`);
    const best: Record<string, number> = {};
    const stopped = new Set<string>();
    for (const rate of RATES)
      for (const t of targets) {
        if (stopped.has(t.name)) continue;
        const r = await step(t, rate, STEP_S);
        const p95 = percentile(r.lat, 95);
        const ok = r.delivered >= r.expected && r.errors === 0 && p95 < P95_LIMIT_MS;
        say(
          `    ${t.name} at ${rate}/s: delivered ${r.delivered}/${r.expected}, errors ${r.errors}, p95 ${p95} ms ${ok ? 'ok' : 'NOT sustained'}`,
        );
        if (ok) best[t.name] = rate;
        else stopped.add(t.name);
      }
    say(`    mod_pubsub with persist_items=false (reference): ${best['mod_pubsub (persist_items=false)'] ?? 0}/s`);
    const bleepRate = best.Bleep ?? 0;
    const baseRate = best.mod_pubsub ?? 0;
    return [
      {
        name: 'location-throughput',
        metric: 'rate',
        value: bleepRate,
        unit: '/s',
        baseline: baseRate,
        ratio: baseRate ? bleepRate / baseRate : Infinity,
        target: 1,
        targetKind: 'ratio',
        better: 'higher',
        n: RATES.length,
      },
      ...percentileRows('location-latency', lat.Bleep!, lat.mod_pubsub!, 1),
    ];
  } finally {
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    await component.stop();
    await prosody.stop();
  }
}

function field(v: string, value: string): XmlElement {
  return xml('field', { var: v }, xml('value', {}, value));
}
