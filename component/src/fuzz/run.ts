// The fuzz driver: seeded mutants of valid stanzas from an ordinary and an
// admin account through a real Prosody, in batches; after each batch every
// IQ must have been answered and the probes must pass. Counts what went
// wrong rather than stopping, so the long run can print the whole picture.
import { xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { NS_COMMANDS } from '@bleep/protocol';
import { learn, newLive, type Live } from './live.ts';
import { enterRoom } from './seeds-answers.ts';
import { mutate, type Mutant } from './mutate.ts';
import { probeIq, probeRole, type ProbeResult } from './probes.ts';
import { random } from './random.ts';
import { LATITUDE_MARK, seedsFor, type Seed } from './seeds.ts';
import { commandShapes } from './shapes.ts';
import { render } from './tree.ts';
import { Watch } from './watch.ts';

export interface FuzzCounts {
  seed: number;
  stanzas: number;
  /** IQs of type get or set with an id: each must get a result or an error. */
  iqs: number;
  answered: number;
  /** Of those answered, how many only after the batch's wait (15 s): slow, not lost. */
  late: number;
  /** IQs with no answer at all by the end of the run (30 s after the last batch). */
  unanswered: number;
  /** Mutants Prosody must refuse by closing that client's stream (then the client signs in again). */
  illFormed: number;
  /** Of those, how many Prosody refused by ending the stream (all of them, or the mutant was not ill-formed). */
  illFormedRefused: number;
  probes: number;
  probesFailed: number;
  /** Non-ASCII text that did not come back exactly. */
  mangled: number;
  /** Times the component lost its link to Prosody. */
  linkDrops: number;
  /** Handler failures and unhandled errors in the component (its log at error level). */
  crashes: number;
  /** Log lines holding a text a person wrote, or a location. */
  bodyInLog: number;
  /** Rooms and req-<id> addresses the accounts learnt and answered in (seeds-answers.ts): 0 means none were fuzzed. */
  rooms: number;
  requestAddresses: number;
  ms: number;
}

export interface FuzzAccount {
  readonly user: string;
  readonly login: () => Promise<Client>;
}

export interface FuzzOptions {
  readonly seed: number;
  readonly count: number;
  readonly ops: string;
  readonly domain: string;
  readonly ordinary: FuzzAccount;
  readonly admin: FuzzAccount;
  /** Probes from here: an account the fuzzer leaves alone. */
  readonly probe: Client;
  /** The one on-duty holder of `probeRole`, another account the fuzzer leaves alone, who receives the role probes. */
  readonly receiver: Client;
  readonly probeRole: string;
  /** The component's log so far (every level the run should judge). */
  readonly log: () => string[];
  readonly batch?: number;
  readonly progress?: (c: FuzzCounts) => void;
  /** Told what went wrong as it happens (which mutants, which probe), to find a cause; quiet when absent. */
  readonly debug?: (line: string) => void;
}

const MARKER = 'bodymark';

/**
 * Limits high enough that mutants reach the handlers behind them (the limits have tests of their own); command
 * sessions close after a minute idle, so a run's later steps of earlier sessions meet closed ones.
 */
export const FUZZ_LIMITS = {
  commandSessions: 10_000,
  commandStartsPerMinute: 100_000,
  roleMessagesPerMinute: 100_000,
  commandIdleMinutes: 1,
};

/** What went wrong in a run, by name; empty when nothing did. */
export function failures(c: FuzzCounts): string[] {
  const bad: [string, boolean][] = [
    ['unanswered IQs', c.unanswered > 0 || c.answered !== c.iqs],
    ['ill-formed stanzas Prosody took', c.illFormedRefused !== c.illFormed],
    ['failed probes', c.probesFailed > 0],
    ['mangled text', c.mangled > 0],
    ['link drops', c.linkDrops > 0],
    ['crashes', c.crashes > 0],
    ['bodies in the log', c.bodyInLog > 0],
  ];
  return bad.filter(([, b]) => b).map(([name]) => name);
}
const ANSWER_WAIT_MS = 15_000;

interface Side {
  readonly account: FuzzAccount;
  client: Client;
  watch: Watch;
  seeds: Seed[];
  /** Numbers of the IQs still waiting for an answer. */
  readonly pending: Set<number>;
  /** Still unanswered after their batch's wait; an answer may come yet. */
  readonly late: Set<number>;
  /** Rooms, req-<id> addresses and command sessions this account learnt, kept across its sign-ins. */
  readonly live: Live;
  recent?: string[];
}

export async function runFuzz(o: FuzzOptions): Promise<FuzzCounts> {
  const started = Date.now();
  const r = random(o.seed);
  const c: FuzzCounts = {
    seed: o.seed,
    stanzas: 0,
    iqs: 0,
    answered: 0,
    late: 0,
    unanswered: 0,
    illFormed: 0,
    illFormedRefused: 0,
    probes: 0,
    probesFailed: 0,
    mangled: 0,
    linkDrops: 0,
    crashes: 0,
    bodyInLog: 0,
    rooms: 0,
    requestAddresses: 0,
    ms: 0,
  };
  const logAtStart = o.log().length;
  const probeWatch = new Watch(o.probe);
  const receiverWatch = new Watch(o.receiver);
  const target = { ops: o.ops, people: [`nurse@${o.domain}`, `admin@${o.domain}`, `dispatcher@${o.domain}/x`] };

  const attach = async (side: Omit<Side, 'watch' | 'seeds'> & Partial<Side>): Promise<Side> => {
    const debug = o.debug;
    if (debug)
      side.client.on('disconnect', () =>
        debug(`disconnected: ${side.account.user} after ${(side as Side).recent?.slice(-5).join(' | ')}`),
      );
    side.watch = new Watch(side.client, (el) => answered(side as Side, el));
    const commands = await commandShapes(side.client, side.watch, o.ops);
    side.seeds = seedsFor({
      ops: o.ops,
      domain: o.domain,
      commands,
      marker: MARKER,
      me: side.account.user + '@' + o.domain,
      live: side.live,
      fuzzers: [o.ordinary.user, o.admin.user].map((u) => `${u}@${o.domain}`),
    });
    return side as Side;
  };
  const answered = (side: Side, el: XmlElement) => {
    for (const room of learn(side.live, el, `conference.${o.domain}`, o.ops))
      void side.client.write(render(enterRoom(room, `${side.account.user}@${o.domain}`))).catch(() => {});
    if (el.name !== 'iq' || (el.attrs.type !== 'result' && el.attrs.type !== 'error')) return;
    const n = /^fz(\d+)\./.exec(el.attrs.id ?? '')?.[1];
    if (n === undefined) return;
    if (side.pending.delete(Number(n))) c.answered++;
    else if (side.late.delete(Number(n))) {
      c.answered++;
      c.late++;
    }
  };
  const sides = [
    await attach({ account: o.ordinary, client: await o.ordinary.login(), ...fresh() }),
    await attach({ account: o.admin, client: await o.admin.login(), ...fresh() }),
  ];

  let n = 0;
  const batch = o.batch ?? 50;
  let lastRoleProbe = 0;
  while (c.stanzas < o.count) {
    const broken: [Side, Mutant][] = [];
    // The batch's seeds first, and the command sessions its form submissions need opened all at once.
    const plan = Array.from({ length: Math.min(batch, o.count - c.stanzas) }, () => {
      const side = r.chance(0.6) ? sides[0]! : sides[1]!;
      return { side, seed: r.pick(side.seeds) };
    });
    const sessions = await Promise.all(
      plan.map((p) => (p.seed.session ? openSession(p.side, p.seed.session, o.ops) : undefined)),
    );
    for (const [i, { side, seed }] of plan.entries()) {
      const m = mutate(seed.build(r, n, sessions[i]), r, target);
      c.stanzas++;
      if (o.debug) (side.recent ??= []).push(`${n} ${seed.name} ${m.mutations.join(',')} ${String(m.wire.length)}`);
      if (m.illFormed) {
        broken.push([side, m]);
        n++;
        continue;
      }
      const s = m.stanza;
      if (s.name === 'iq' && (s.attrs.type === 'get' || s.attrs.type === 'set') && s.attrs.id?.startsWith(`fz${n}.`)) {
        side.pending.add(n);
        c.iqs++;
      }
      n++;
      await side.client.write(m.wire as string).catch(() => {});
    }
    await settle(sides);
    // Ill-formed last: Prosody ends that stream, and anything still on its way to it would be lost.
    for (const [side, m] of broken) {
      // Its stream ends: slow answers still due to it would be lost with it, and counted as such.
      for (const until = Date.now() + 30_000; side.late.size && Date.now() < until;)
        await new Promise((res) => setTimeout(res, 100));
      if (await breakAndReturn(side, m, attach)) c.illFormedRefused++;
    }
    for (const sd of sides)
      for (const p of sd.pending) o.debug?.(`not answered in time: ${sd.recent?.find((x) => x.startsWith(`${p} `))}`);
    for (const s of sides) {
      for (const p of s.pending) s.late.add(p);
      s.pending.clear();
    }
    c.unanswered = sides.reduce((sum, s) => sum + s.late.size, 0);
    c.illFormed += broken.length;

    const results: ProbeResult[] = [await probeIq(o.probe, probeWatch, o.ops, r)];
    // Thirty role messages a minute per sender: the probe stays well under.
    if (Date.now() - lastRoleProbe > 2500) {
      lastRoleProbe = Date.now();
      results.push(await probeRole(o.probe, receiverWatch, o.ops, o.probeRole, r));
    }
    if (results.some((x) => x !== 'ok')) o.debug?.(`probes: ${results.join(', ')}`);
    c.probes += results.length;
    c.probesFailed += results.filter((x) => x !== 'ok').length;
    c.mangled += results.filter((x) => x === 'mangled').length;
    judgeLog(c, o.log().slice(logAtStart), o.debug);
    c.rooms = new Set(sides.flatMap((s) => s.live.rooms)).size;
    c.requestAddresses = new Set(sides.flatMap((s) => s.live.requests)).size;
    c.ms = Date.now() - started;
    o.progress?.(c);
  }
  // A last chance for slow answers: what has none by now was lost.
  for (const until = Date.now() + 30_000; sides.some((s) => s.late.size) && Date.now() < until;)
    await new Promise((res) => setTimeout(res, 100));
  c.unanswered = sides.reduce((sum, s) => sum + s.late.size, 0);
  c.ms = Date.now() - started;
  await Promise.all(sides.map((s) => s.client.stop().catch(() => {})));
  return c;

  async function settle(all: Side[]) {
    const until = Date.now() + ANSWER_WAIT_MS;
    while (all.some((s) => s.pending.size) && Date.now() < until) await new Promise((res) => setTimeout(res, 20));
  }
}

const fresh = () => ({ pending: new Set<number>(), late: new Set<number>(), live: newLive() });

/** A fresh session of `node` (unmutated execute), for a seed that submits its form; 'none' when refused. */
async function openSession(side: Side, node: string, ops: string): Promise<string> {
  const reply = await side.watch.request(
    side.client,
    xml('iq', { type: 'set', to: ops }, xml('command', { xmlns: NS_COMMANDS, node, action: 'execute' })),
  );
  return reply?.getChild('command', NS_COMMANDS)?.attrs.sessionid ?? 'none';
}

/** Writes an ill-formed mutant, waits for Prosody to end that stream, and signs the account in again. */
async function breakAndReturn(side: Side, m: Mutant, attach: (s: Side) => Promise<Side>): Promise<boolean> {
  const closed = new Promise<boolean>((res) => {
    side.client.on('disconnect', () => res(true));
    setTimeout(() => res(false), 5000);
  });
  const socket = (side.client as unknown as { socket: { write(d: string | Buffer): void } | null }).socket;
  socket?.write(m.wire);
  const refused = await closed;
  await side.client.stop().catch(() => {});
  side.client = await side.account.login();
  await attach(side);
  return refused;
}

const LINK_DROP = /lost Prosody/;
const CRASH = /"level":(50|60)/;
// An answer too large to send is refused in its place (wire.ts) and logged at error level: handled, not a crash.
const HANDLED = /stanza not sent whole/;

/** A message body or a location in a log line. */
const leaks = (line: string) => line.includes(MARKER) || line.includes(LATITUDE_MARK);

function judgeLog(c: FuzzCounts, lines: string[], debug?: (line: string) => void): void {
  c.linkDrops = lines.filter((l) => LINK_DROP.test(l)).length;
  c.crashes = lines.filter((l) => CRASH.test(l) && !HANDLED.test(l)).length;
  c.bodyInLog = lines.filter(leaks).length;
  if (debug) for (const l of lines.filter((x) => leaks(x) || CRASH.test(x))) debug(`log: ${l.slice(0, 400)}`);
}

export const show = (c: FuzzCounts) =>
  `seed ${c.seed}: ${c.stanzas} stanzas (${c.illFormed} ill-formed, ${c.illFormedRefused} refused by Prosody), ${c.iqs} IQs, ${c.answered} answered (${c.late} after 15 s), ` +
  `${c.unanswered} unanswered, ${c.probes} probes (${c.probesFailed} failed), ${c.mangled} mangled, ` +
  `${c.linkDrops} link drops, ${c.crashes} crashes, ${c.bodyInLog} log lines with a body, ` +
  `answers in ${c.rooms} rooms and to ${c.requestAddresses} req- addresses, ${(c.ms / 1000).toFixed(1)} s`;
