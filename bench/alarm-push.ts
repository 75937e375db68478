// alarm-push-200 (issue #12): one Prosody and the component as its own Node
// process, as production runs it (fanout.ts startFanoutApart, as the fan-out
// benchmarks), a local HTTPS Web Push endpoint (component/src/push/
// test-push-endpoint.ts, decrypting each push with its device's keys) and 200
// responders who registered push, enabled it (XEP-0357) and signed out. The
// bench reads the subscriptions and VAPID keys, and resolves each round's
// incident, through a connection of its own to the component's database.
//
// - alarm-push-200 (p50, p95): for each of the 200 offline responders, from
//   the trigger submitting the `alarm` command (its form fetched before the
//   clock starts) to that responder's push request arriving at the endpoint.
//   The path: the component's alarms (the incident room's invitations
//   carrying them, alarms/codec.ts) → Prosody (offline) →
//   mod_cloud_notify's XEP-0357 publish to the component → Web Push
//   (encrypted, VAPID-signed) over HTTPS. Each round's incident is marked
//   resolved afterwards (so the next round's pushes name one incident).
// - Baseline, same run, alternating rounds: the same 200 pushes sent straight
//   from the component's own Web Push sender (no XMPP at all): the floor of
//   encrypting and posting 200 pushes on this machine.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as F,
  NS_COMMANDS,
  NS_DATA,
  NS_PUSH,
  PUSH_COMMANDS,
  PUSH_FIELDS as P,
} from '@bleep/protocol';
import { exchange, runCommand, submitForm, xml, type XmlElement } from '@bleep/prosody-config/test-client';
import { WebPushSender } from '../component/src/push/sender.ts';
import { startPushEndpoint } from '../component/src/push/test-push-endpoint.ts';
import type { Store } from '../component/src/index.ts';
import {
  ALARM_ROLE,
  addPreset,
  benchPreset,
  openComponentStore,
  startFanoutApart,
  type FanoutStack,
} from './fanout.ts';
import { percentileRows, type BenchResult } from './results.ts';

const N = 200;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const WARMUP = 1;
const password = 'bench-push-password';
const PRESET = benchPreset('bench-push', 'Bench Push');

const field = (iq: XmlElement, v: string) =>
  iq
    .getChild('command', NS_COMMANDS)
    ?.getChild('x', NS_DATA)
    ?.getChildren('field')
    .find((f) => f.attrs.var === v)
    ?.getChildText('value') ?? '';

export async function alarmPushBench(say: (l: string) => void): Promise<BenchResult[]> {
  const endpoint = await startPushEndpoint();
  const responders = Array.from({ length: N }, (_, i) => `p${String(i).padStart(3, '0')}`);
  let stack: FanoutStack | undefined;
  let store: Store | undefined;
  try {
    say(`  ${N} responders register push, enable it (XEP-0357) and sign out`);
    stack = await startFanoutApart(
      {
        sender: 'trigger',
        recipients: responders,
        role: ALARM_ROLE,
        password,
        env: { BLEEP_PUSH_SERVICES: endpoint.host, BLEEP_PUSH_CA: endpoint.ca },
        prepare: addPreset(PRESET),
        offline: {
          async prepare(c, user, s) {
            const sub = endpoint.subscribe(user);
            const reply = await runCommand(c, s.opsHost, PUSH_COMMANDS.pushRegister, {
              [P.endpoint]: sub.endpoint,
              [P.p256dh]: sub.p256dh,
              [P.auth]: sub.auth,
            });
            const enabled = await exchange(
              c,
              xml('iq', { type: 'set' }, xml('enable', { xmlns: NS_PUSH, jid: s.opsHost, node: field(reply, P.node) })),
            );
            if (enabled.attrs.type !== 'result') throw new Error(`push not enabled for ${user}`);
          },
        },
      },
      say,
    );
    const { settings: s, sender: trigger, jid } = stack;
    const db = (store = await openComponentStore(s));
    const subs = await Promise.all(responders.map(async (u) => (await db.push.byJid(jid(u)))[0]!));
    const sender = new WebPushSender(
      await db.push.vapid(() => {
        throw new Error('no VAPID keys');
      }, ''),
      'mailto:bench@bleep.localhost',
      endpoint.ca,
    );

    /** Per responder: ms from t0 to its push arriving; resolves when all N have come. */
    const arrivals = (t0: number, match: (r: (typeof endpoint.received)[number]) => boolean) =>
      new Promise<number[]>((resolve, reject) => {
        const end = Date.now() + 60_000;
        const look = () => {
          const got = new Map<string, number>();
          for (const r of endpoint.received) if (r.at >= t0 && match(r) && !got.has(r.device)) got.set(r.device, r.at);
          if (got.size >= N) return resolve([...got.values()].map((at) => at - t0));
          if (Date.now() > end) return reject(new Error(`${N - got.size} of ${N} pushes missing after 60 s`));
          setTimeout(look, 5);
        };
        look();
      });

    const project: number[] = [];
    const baseline: number[] = [];
    let n = 0;
    const alarmRound = async (measured: boolean) => {
      const cmd = (attrs: Record<string, string>, x?: XmlElement) =>
        xml(
          'iq',
          { type: 'set', to: s.opsHost },
          xml('command', { xmlns: NS_COMMANDS, node: ALARM_COMMANDS.alarm, ...attrs }, ...(x ? [x] : [])),
        );
      const first = await exchange(trigger, cmd({ action: 'execute' }));
      const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
      const place = `Push bench ${n++}`;
      // Date.now(): the endpoint stamps arrivals with it.
      const t0 = Date.now();
      const done = await exchange(
        trigger,
        cmd({ sessionid, action: 'complete' }, submitForm({ [F.preset]: PRESET.id, [F.location]: place })),
        30_000,
      );
      if (done.attrs.type === 'error') throw new Error(`alarm command failed: ${done.toString().slice(0, 300)}`);
      const incident = field(done, 'incident');
      const times = await arrivals(t0, (r) => r.payload.kind === 'alarm' && r.payload.incident === incident);
      await db.incidents.update(incident, { status: 'resolved' });
      if (measured) project.push(...times);
    };
    const baselineRound = async (measured: boolean) => {
      const t0 = Date.now();
      const payload = {
        kind: 'alarm',
        incident: `base${n++}`,
        name: 'Bench',
        colour: '#000000',
        room: '',
        request: '',
      } as const;
      await Promise.all(subs.map((sub) => sender.send(sub, payload, { urgency: 'high', ttl: 300 })));
      const times = await arrivals(t0, (r) => r.payload.kind === 'alarm' && r.payload.incident === payload.incident);
      if (measured) baseline.push(...times);
    };
    for (let r = 0; r < WARMUP + ROUNDS; r++) {
      const measured = r >= WARMUP;
      if (r % 2 === 0) {
        await alarmRound(measured);
        await baselineRound(measured);
      } else {
        await baselineRound(measured);
        await alarmRound(measured);
      }
      say(`  round ${r + 1}/${WARMUP + ROUNDS}${measured ? '' : ' (warm-up)'}`);
    }
    sender.close();
    return percentileRows('alarm-push-200', project, baseline, Infinity);
  } finally {
    await store?.close();
    await stack?.stop();
    await endpoint.stop();
  }
}
