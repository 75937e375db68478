// request-fanout and request-answers (issue #8). One Prosody and the
// component as its own Node process, as production runs it (fanout.ts
// startFanoutApart); 100 online recipients holding a role on duty, and one
// sender, all bare @xmpp/client Node clients in this process.
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
// The stack, the logins (native PBKDF2) and the alternating rounds: fanout.ts.
import { COMMANDS, NS_COMMANDS, NS_DATA, NS_REQUEST, REQUEST_FIELDS as F, TEMPLATE_IDS } from '@bleep/protocol';
import { exchange, submitForm, xml, type XmlElement } from '@bleep/prosody-config/test-client';
import { allHave, alternate, startFanoutApart } from './fanout.ts';
import { percentile, percentileRows, type BenchResult } from './results.ts';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 100);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const WARMUP = 2;
const ROLE = 'bench-ward';
const password = 'bench-request-password';

let run: Promise<BenchResult[]> | undefined;

/** Both benchmarks come from one run (the answers follow each fan-out); each name returns its own rows. */
export async function requestBench(name: 'request-fanout' | 'request-answers', say: (l: string) => void) {
  run ??= measure(say);
  return (await run).filter((r) => r.name === name);
}

async function measure(say: (l: string) => void): Promise<BenchResult[]> {
  const users = Array.from({ length: RECIPIENTS }, (_, i) => `r${String(i).padStart(3, '0')}`);
  const stack = await startFanoutApart({ sender: 'sender', recipients: users, role: ROLE, password }, say);
  const { settings: s, sender, recipients, jid } = stack;
  try {
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
      const have = allHave(recipients, [(el) => !!el.getChild('request', NS_REQUEST)], 'request fan-out');
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
        [(el) => el.attrs.from === address && el.getChild('state', NS_REQUEST)?.attrs.status === 'accepted'],
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
        [(el) => el.name === 'message' && el.getChildText('body') === text],
        'baseline fan-out',
      );
      const t0 = performance.now();
      for (let i = 0; i < RECIPIENTS; i++)
        void sender.send(xml('message', { type: 'chat', to: jid(users[i]!) }, xml('body', {}, text)));
      const t1 = await have;
      if (measured) baseline.push(t1 - t0);
    };

    await alternate(ROUNDS, WARMUP, requestRound, chatRound, say);
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
    await stack.stop();
  }
}
