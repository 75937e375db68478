// request-fanout and request-answers (issue #8). One Prosody and the
// component, started as the tests start them; 100 online recipients holding a
// role on duty, and one sender, all bare @xmpp/client Node clients.
//
// - request-fanout (p50, p95): from the sender submitting the `request`
//   command's last step (its two forms were fetched before the clock starts:
//   that is the person filling them in) until the last of the 100 has the
//   request message. Baseline, same run, alternating rounds: the same sender
//   sends 100 plain chat messages, one to each of the same 100 clients,
//   through the same Prosody, until the last has its message.
// - request-answers (p50): then all 100 tap "Confirm" at once, until every
//   answer is recorded and the sender has the final tally (status accepted,
//   100 of 100). No baseline: printed on its own (ratio 1).
//
// Logins use native PBKDF2 for SCRAM (prosody/src/runner/fast-scram.ts):
// xmpp.js's own takes 0.35 s a login (DESIGN.md); the wire exchange is the same.
import { COMMANDS, NS_COMMANDS, NS_DATA, NS_REQUEST, REQUEST_FIELDS as F, TEMPLATE_IDS } from '@bleep/protocol';
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
import { startComponent } from '../component/src/index.ts';
import { createLogger } from '../component/src/log.ts';
import { percentile, percentileRows, type BenchResult } from './results.ts';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const WARMUP = 2;
const ROLE = 'bench-ward';
const password = 'bench-request-password';

type Emitter = { on(e: string, f: (el: XmlElement) => void): void; off(e: string, f: unknown): void };

/** Resolves with performance.now() when every client has seen a stanza matching `match`. */
function allHave(clients: readonly Client[], match: (el: XmlElement) => boolean, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    let left = clients.length;
    const timer = setTimeout(
      () => reject(new Error(`${what}: ${left} of ${clients.length} still waiting after 60 s`)),
      60_000,
    );
    for (const c of clients) {
      const e = c as unknown as Emitter;
      const on = (el: XmlElement) => {
        if (!match(el)) return;
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

/** test-client's exchange() leaves its listener on the sender (one per IQ); no limit, so no leak warning. */
const QUIET = (c: Client) => (c as unknown as { setMaxListeners?(n: number): void }).setMaxListeners?.(0);

async function smEnabled(c: Client): Promise<void> {
  const sm = (c as unknown as { streamManagement?: { enabled: boolean } }).streamManagement;
  for (let i = 0; i < 250 && sm && !sm.enabled; i++) await new Promise((r) => setTimeout(r, 20));
}

let run: Promise<BenchResult[]> | undefined;

/** Both benchmarks come from one run (the answers follow each fan-out); each name returns its own rows. */
export async function requestBench(name: 'request-fanout' | 'request-answers', say: (l: string) => void) {
  run ??= measure(say);
  return (await run).filter((r) => r.name === name);
}

async function measure(say: (l: string) => void): Promise<BenchResult[]> {
  useNativePbkdf2();
  const users = ['sender', ...Array.from({ length: RECIPIENTS }, (_, i) => `r${String(i).padStart(3, '0')}`)];
  const prosody = await startProsody({
    settings: await testSettings(),
    accounts: users.map((user) => ({ user, password })),
  });
  const s = prosody.settings;
  const jid = (u: string) => `${u}@${s.domain}`;
  const component = await startComponent({
    settings: s,
    logger: createLogger('warn'),
    seed: users.map((u) => ({
      jid: jid(u),
      name: u,
      roles: u === 'sender' ? [] : [ROLE],
      department: 'Bench',
      extension: '',
      onDuty: true,
    })),
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
    const [sender, ...recipients] = clients as [Client, ...Client[]];
    const fanout: number[] = [];
    const baseline: number[] = [];
    const answers: number[] = [];

    const requestRound = async (measured: boolean) => {
      const cmd = (attrs: Record<string, string>, x?: XmlElement) =>
        xml(
          'iq',
          { type: 'set', to: s.opsHost },
          xml('command', { xmlns: NS_COMMANDS, node: COMMANDS.request, ...attrs }, ...(x ? [x] : [])),
        );
      const first = await exchange(sender, cmd({ action: 'execute' }));
      const sessionid = first.getChild('command', NS_COMMANDS)!.attrs.sessionid!;
      await exchange(
        sender,
        cmd(
          { sessionid, action: 'next' },
          submitForm({ [F.template]: TEMPLATE_IDS.confirmAppointment, [F.role]: ROLE }),
        ),
      );
      const have = allHave(recipients, (el) => !!el.getChild('request', NS_REQUEST), 'request fan-out');
      const t0 = performance.now();
      const done = await exchange(sender, cmd({ sessionid, action: 'complete' }, submitForm({ when: 'now' })), 30_000);
      const t1 = await have;
      const form = done.getChild('command', NS_COMMANDS)?.getChild('x', NS_DATA);
      const id =
        form
          ?.getChildren('field')
          .find((f) => f.attrs.var === 'id')
          ?.getChildText('value') ?? '';
      if (!id) throw new Error(`request command failed: ${done.toString().slice(0, 300)}`);
      const address = `req-${id}@${s.opsHost}`;
      const tally = allHave(
        [sender],
        (el) => el.attrs.from === address && el.getChild('state', NS_REQUEST)?.attrs.status === 'accepted',
        'final tally',
      );
      const t2 = performance.now();
      await Promise.all(
        recipients.map((c) =>
          c.send(
            xml(
              'message',
              { type: 'chat', to: address },
              xml('body', {}, 'Confirm'),
              xml('answer', { xmlns: NS_REQUEST, choice: 'confirm' }),
            ),
          ),
        ),
      );
      const t3 = await tally;
      if (!measured) return;
      fanout.push(t1 - t0);
      answers.push(t3 - t2);
    };

    let n = 0;
    const chatRound = async (measured: boolean) => {
      const text = `bench-${n++}`;
      const have = allHave(
        recipients,
        (el) => el.name === 'message' && el.getChildText('body') === text,
        'baseline fan-out',
      );
      const t0 = performance.now();
      for (let i = 0; i < RECIPIENTS; i++)
        void sender.send(xml('message', { type: 'chat', to: jid(users[i + 1]!) }, xml('body', {}, text)));
      const t1 = await have;
      if (measured) baseline.push(t1 - t0);
    };

    say(`  warm-up, then ${ROUNDS} rounds of each, alternating`);
    for (let i = 0; i < WARMUP; i++) {
      await requestRound(false);
      await chatRound(false);
    }
    for (let i = 0; i < ROUNDS; i++) {
      // Alternate which goes first, so machine noise hits both alike.
      if (i % 2) {
        await chatRound(true);
        await requestRound(true);
      } else {
        await requestRound(true);
        await chatRound(true);
      }
    }
    const p50 = percentile(
      [...answers].sort((a, b) => a - b),
      50,
    );
    return [
      ...percentileRows('request-fanout', fanout, baseline, 1.5),
      {
        name: 'request-answers',
        metric: 'p50',
        value: p50,
        unit: 'ms',
        baseline: p50,
        ratio: 1,
        target: 1,
        targetKind: 'ratio',
        n: answers.length,
      },
    ];
  } finally {
    await Promise.all(clients.map((c) => c.stop().catch(() => {})));
    await component.stop();
    await prosody.stop();
  }
}
