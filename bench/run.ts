// `npm run bench [-- NAME …]`: runs the benchmarks (all, or those named),
// prints each figure beside its baseline from the same run, and writes
// bench-results.json at the repo root. Benchmarks are not tests: nothing fails
// because a target is missed; the table says so.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensurePwaBuilt } from '../scripts/stack/build-pwa.ts';
import { alarmBench } from './alarm-fanout.ts';
import { alarmPushBench } from './alarm-push.ts';
import { locationBench } from './location.ts';
import { media10mb } from './media-10mb.ts';
import { mapFrame } from './map-frame.ts';
import { omemoCrypto } from './omemo-crypto.ts';
import { pwaWeight } from './pwa-weight.ts';
import { requestBench } from './request-fanout.ts';
import { table, type BenchResult } from './results.ts';
import { sendToDisplay } from './send-to-display.ts';
import { sendToDisplayPeer } from './send-to-display-peer.ts';

const say = (line: string) => process.stdout.write(`${line}\n`);
const BENCHES: Record<string, () => Promise<BenchResult[]>> = {
  'pwa-weight': pwaWeight,
  'send-to-display': () => sendToDisplay(say),
  'send-to-display-peer': () => sendToDisplayPeer(say),
  'send-to-display-omemo': () => sendToDisplayPeer(say, { omemo: true }),
  // One run measures both (the answers follow each fan-out); the second name reuses it.
  'request-fanout': () => requestBench('request-fanout', say),
  'request-answers': () => requestBench('request-answers', say),
  // One run gives both (same Prosody, clients and baseline nodes); the second name reuses it.
  'location-throughput': () => locationBench('location-throughput', say),
  'location-latency': () => locationBench('location-latency', say),
  'media-10mb': () => media10mb(say),
  // One run per N gives the fan-out; alarm-room-create is read from the 50 run.
  'alarm-fanout-50': () => alarmBench('alarm-fanout-50', say),
  'alarm-fanout-200': () => alarmBench('alarm-fanout-200', say),
  'alarm-room-create': () => alarmBench('alarm-room-create', say),
  'alarm-push-200': () => alarmPushBench(say),
  'map-frame': () => mapFrame(say),
  // One page measures both (same setup, same recipients); the second name reuses it.
  'omemo-encrypt-100': () => omemoCrypto('omemo-encrypt-100', say),
  'omemo-decrypt': () => omemoCrypto('omemo-decrypt', say),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = wanted.filter((w) => !(w in BENCHES));
if (unknown.length) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${Object.keys(BENCHES).join(', ')}.`);
  process.exit(2);
}
ensurePwaBuilt(say);
const results: BenchResult[] = [];
for (const name of wanted.length ? wanted : Object.keys(BENCHES)) {
  say(`running ${name}…`);
  results.push(...(await BENCHES[name]!()));
}
const file = join(import.meta.dirname, '..', 'bench-results.json');
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
say('');
say(table(results));
say(`\n(written to ${file})`);
