// alarm-fanout-50, alarm-fanout-200 and alarm-room-create (issue #10). One
// Prosody and the component, started as the tests start them; N online
// responders holding a role on duty and one trigger, all bare @xmpp/client
// Node clients (native PBKDF2 for SCRAM, as request-fanout).
//
// - alarm-fanout-N (p50, p95): from the trigger submitting the `alarm`
//   command (its form fetched before the clock starts) until the last of the
//   N has both the room's mediated invitation and the 1:1 alarm. Each round
//   is a new incident at a new place (no merging), so it includes making the
//   room, its N affiliations and the acknowledgement request. Baseline, same
//   run, alternating rounds: the same N, already in a room, receive one
//   message posted there by a plain occupant.
// - alarm-room-create (p50): creating and configuring the incident room
//   (join, owner form), as the component logs it (roomMs); printed on its own.
import {
  ALARM_COMMANDS,
  ALARM_FIELDS as F,
  NS_ALARM,
  NS_COMMANDS,
  NS_MUC_USER,
  type AlarmPreset,
} from '@bleep/protocol';
import { startProsody, testSettings } from '@bleep/prosody-config/runner';
import {
  exchange,
  login,
  submitForm,
  useNativePbkdf2,
  xml,
  type Client,
  type XmlElement,
} from '@bleep/prosody-config/test-client';
import { Writable } from 'node:stream';
import { DEFAULT_PRESETS } from '../component/src/alarms/defaults.ts';
import { startComponent } from '../component/src/index.ts';
import { createLogger } from '../component/src/log.ts';
import { percentile, percentileRows, type BenchResult } from './results.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const WARMUP = 2;
const ROLE = 'bench-responder';
const password = 'bench-alarm-password';
const PRESET: AlarmPreset = {
  ...DEFAULT_PRESETS[0]!,
  id: 'bench-alarm',
  name: 'Bench Alarm',
  responders: { roles: [ROLE], people: [], rooms: [], onDutyOnly: true },
  ack: [{ role: ROLE, n: 1 }],
  ladder: [],
  repeatS: 3600,
};

type Emitter = { on(e: string, f: (el: XmlElement) => void): void; off(e: string, f: unknown): void };

/** Resolves with performance.now() when every client has seen stanzas matching each of `matches`. */
function allHave(clients: readonly Client[], matches: ((el: XmlElement) => boolean)[], what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let left = clients.length;
    const timer = setTimeout(
      () => reject(new Error(`${what}: ${left} of ${clients.length} still waiting after 60 s`)),
      60_000,
    );
    for (const c of clients) {
      const e = c as unknown as Emitter;
      const pending = new Set(matches);
      const on = (el: XmlElement) => {
        for (const m of pending) if (m(el)) pending.delete(m);
        if (pending.size) return;
        e.off('stanza', on);
        if (--left === 0) {
          clearTimeout(timer);
          resolve(performance.now());
        }
      };
      e.on('stanza', on);
    }
  });
}

const QUIET = (c: Client) => (c as unknown as { setMaxListeners?(n: number): void }).setMaxListeners?.(0);
async function smEnabled(c: Client): Promise<void> {
  const sm = (c as unknown as { streamManagement?: { enabled: boolean } }).streamManagement;
  for (let i = 0; i < 250 && sm && !sm.enabled; i++) await new Promise((r) => setTimeout(r, 20));
}

const runs = new Map<number, Promise<BenchResult[]>>();

/** alarm-fanout-N and alarm-room-create come from one run per N; alarm-room-create is read from the 50 run. */
export async function alarmBench(name: string, say: (l: string) => void): Promise<BenchResult[]> {
  const n = name === 'alarm-room-create' ? 50 : Number(name.slice('alarm-fanout-'.length));
  if (!runs.has(n)) runs.set(n, measure(n, say));
  return (await runs.get(n)!).filter((r) => r.name === name);
}

async function measure(N: number, say: (l: string) => void): Promise<BenchResult[]> {
  useNativePbkdf2();
  const users = ['trigger', ...Array.from({ length: N }, (_, i) => `a${String(i).padStart(3, '0')}`)];
  const prosody = await startProsody({
    settings: await testSettings(),
    accounts: users.map((user) => ({ user, password })),
  });
  const s = prosody.settings;
  const jid = (u: string) => `${u}@${s.domain}`;
  const roomMs: number[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n'))
        if (line.includes('"alarm raised"')) roomMs.push((JSON.parse(line) as { roomMs: number }).roomMs);
      done();
    },
  });
  const component = await startComponent({
    settings: s,
    logger: createLogger('info', sink),
    seed: users.map((u) => ({
      jid: jid(u),
      name: u,
      roles: u === 'trigger' ? [] : [ROLE],
      department: 'Bench',
      extension: '',
      onDuty: true,
    })),
  });
  await component.store.presets.edit(PRESET, {
    id: 'bench',
    at: new Date().toISOString(),
    actor: 'bench',
    action: 'bench',
  });
  const clients: Client[] = [];
  try {
    say(`  logging in ${users.length} clients`);
    for (let i = 0; i < users.length; i += 20)
      clients.push(
        ...(await Promise.all(
          users.slice(i, i + 20).map(async (user) => {
            const c = await login(s, { user, password });
            QUIET(c);
            await smEnabled(c);
            await c.send(xml('presence'));
            return c;
          }),
        )),
      );
    const [trigger, ...responders] = clients as [Client, ...Client[]];

    // The baseline room: made by the trigger, the N as members, all in it (presence to moderators only, as incident rooms past 50).
    const room = `bench-baseline@${s.mucHost}`;
    const enter = (c: Client, nick: string) =>
      c.send(
        xml(
          'presence',
          { to: `${room}/${nick}` },
          xml('x', { xmlns: 'http://jabber.org/protocol/muc' }, xml('history', { maxstanzas: '0' })),
        ),
      );
    await enter(trigger, 'trigger');
    await new Promise((r) => setTimeout(r, 500));
    // XEP-0045 §10.1.2: unlock the new room; open to the N (no member list to keep), presence to moderators only.
    const field = (v: string, value: string) => xml('field', { var: v }, xml('value', {}, value));
    await exchange(
      trigger,
      xml(
        'iq',
        { type: 'set', to: room },
        xml(
          'query',
          { xmlns: 'http://jabber.org/protocol/muc#owner' },
          xml(
            'x',
            { xmlns: 'jabber:x:data', type: 'submit' },
            field('FORM_TYPE', 'http://jabber.org/protocol/muc#roomconfig'),
            field('muc#roomconfig_membersonly', '0'),
            field('muc#roomconfig_presencebroadcast', 'moderator'),
          ),
        ),
      ),
    );
    say(`  ${N} joining the baseline room`);
    for (let i = 0; i < responders.length; i += 20) {
      await Promise.all(responders.slice(i, i + 20).map((c, k) => enter(c, `a${i + k}`)));
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 1000));

    const fanout: number[] = [];
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
      const place = `Bench ${n++}`;
      const have = allHave(
        responders,
        [
          (el) => el.getChild('alarm', NS_ALARM)?.attrs.location === place,
          (el) => !!el.getChild('x', NS_MUC_USER)?.getChild('invite') && (el.attrs.from ?? '').startsWith('alarm-'),
        ],
        'alarm fan-out',
      );
      const t0 = performance.now();
      const done = await exchange(
        trigger,
        cmd({ sessionid, action: 'complete' }, submitForm({ [F.preset]: PRESET.id, [F.location]: place })),
        30_000,
      );
      if (done.attrs.type === 'error') throw new Error(`alarm command failed: ${done.toString().slice(0, 300)}`);
      const t1 = await have;
      if (measured) fanout.push(t1 - t0);
      else roomMs.length = 0;
    };
    const roomRound = async (measured: boolean) => {
      const text = `bench-${n++}`;
      const have = allHave(
        responders,
        [(el) => el.attrs.type === 'groupchat' && el.getChildText('body') === text],
        'baseline fan-out',
      );
      const t0 = performance.now();
      await trigger.send(xml('message', { type: 'groupchat', to: room }, xml('body', {}, text)));
      const t1 = await have;
      if (measured) baseline.push(t1 - t0);
    };

    say(`  warm-up, then ${ROUNDS} rounds of each, alternating`);
    for (let i = 0; i < WARMUP; i++) {
      await alarmRound(false);
      await roomRound(false);
    }
    for (let i = 0; i < ROUNDS; i++) {
      if (i % 2) {
        await roomRound(true);
        await alarmRound(true);
      } else {
        await alarmRound(true);
        await roomRound(true);
      }
    }
    const create = percentile(
      [...roomMs].sort((a, b) => a - b),
      50,
    );
    return [
      ...percentileRows(`alarm-fanout-${N}`, fanout, baseline, 1.5),
      {
        name: 'alarm-room-create',
        metric: 'p50',
        value: create,
        unit: 'ms',
        baseline: create,
        ratio: 1,
        target: 1,
        targetKind: 'ratio',
        n: roomMs.length,
      },
    ];
  } finally {
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    await component.stop();
    await prosody.stop();
  }
}
