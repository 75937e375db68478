// alarm-fanout-50, alarm-fanout-200 and alarm-room-create (issue #10). One
// Prosody and the component as its own Node process, as production runs it
// (fanout.ts startFanoutApart; in this process, its work after sending the
// alarm competed with the N clients' parsing in one event loop, which no
// phone shares); N online responders holding a role on duty and one trigger,
// all bare @xmpp/client Node clients in this process (fanout.ts, shared with
// request-fanout).
//
// - alarm-fanout-N (p50, p95): from the trigger submitting the `alarm`
//   command (its form fetched before the clock starts) until the last of the
//   N has the alarm: one stanza each, the room's mediated invitation carrying
//   it (component/src/alarms/codec.ts alarmInvite). Each round
//   is a new incident at a new place (no merging), with a client id as the
//   PWA sends; its room is the spare made ahead (alarms/spare-rooms.ts),
//   renamed in a form just ahead of the alarm, unawaited (room-ready.ts), and
//   the next round waits for the next spare. Baseline, same run, alternating rounds: the same
//   N, already in a room, receive one message posted there by a plain
//   occupant, saying what the alarm says.
// - alarm-room-create (p50): creating and configuring an incident room
//   alone (join and owner form, sent together, both answers read), with the
//   component's own code (alarms/room.ts openIncidentRoom): the spare the
//   component makes after each alarm, outside the alarm's clock, to replace
//   the one it took; it logs how long that took as it saw it (roomMs of
//   "alarm: spare room made", read from its stdout). Printed on its own.
import { ALARM_COMMANDS, ALARM_FIELDS as F, NS_ALARM, NS_COMMANDS, NS_MUC_USER } from '@bleep/protocol';
import { exchange, submitForm, xml, type Client, type XmlElement } from '@bleep/prosody-config/test-client';
import { ALARM_ROLE, addPreset, allHave, alternate, benchPreset, startFanoutApart } from './fanout.ts';
import { percentile, percentileRows, type BenchResult } from './results.ts';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 20);
const WARMUP = 2;
const ROLE = ALARM_ROLE;
const password = 'bench-alarm-password';
const PRESET = benchPreset('bench-alarm', 'Bench Alarm');

const runs = new Map<number, Promise<BenchResult[]>>();

/** alarm-fanout-N and alarm-room-create come from one run per N; alarm-room-create is read from the 50 run. */
export async function alarmBench(name: string, say: (l: string) => void): Promise<BenchResult[]> {
  const n = name === 'alarm-room-create' ? 50 : Number(name.slice('alarm-fanout-'.length));
  if (!runs.has(n)) runs.set(n, measure(n, say));
  return (await runs.get(n)!).filter((r) => r.name === name);
}

async function measure(N: number, say: (l: string) => void): Promise<BenchResult[]> {
  const roomMs: number[] = [];
  /** The next room's time, when the component logs it. */
  let roomLogged: (ms: number) => void = () => {};
  const stack = await startFanoutApart(
    {
      sender: 'trigger',
      recipients: Array.from({ length: N }, (_, i) => `a${String(i).padStart(3, '0')}`),
      role: ROLE,
      password,
      prepare: addPreset(PRESET),
      onLog: (line) => {
        if (line.includes('"alarm: spare room made"')) roomLogged((JSON.parse(line) as { roomMs: number }).roomMs);
      },
    },
    say,
  );
  const { settings: s, sender: trigger, recipients: responders } = stack;
  try {
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
    // The baseline's message says what the alarm says (its body, as the responders got it in the last alarm
    // round; the warm-up makes one first), as a colleague posting "CODE BLUE …" in a shared room would. Both
    // sides then carry the same words, so the ratio compares how each is delivered, not how long the text is:
    // here all N clients parse in this one Node process, one after another, so a longer stanza costs N times
    // (a phone parses only its own). The alarm's stanza is still the larger (its <alarm/>, the invitation).
    let alarmText = 'CODE BLUE';
    const alarmRound = async (measured: boolean) => {
      const cmd = (attrs: Record<string, string>, x?: XmlElement) =>
        xml(
          'iq',
          { type: 'set', to: s.opsHost },
          xml('command', { xmlns: NS_COMMANDS, node: ALARM_COMMANDS.alarm, ...attrs }, ...(x ? [x] : [])),
        );
      const form = async () =>
        (await exchange(trigger, cmd({ action: 'execute' }), 60_000)).getChild('command', NS_COMMANDS)!.attrs
          .sessionid!;
      const sessionid = await form();
      const place = `Bench ${n++}`;
      const fields = { [F.preset]: PRESET.id, [F.location]: place, [F.clientId]: `bench-${n}` };
      const have = allHave(
        responders,
        [
          (el) => {
            const ok =
              el.getChild('alarm', NS_ALARM)?.attrs.location === place &&
              !!el.getChild('x', NS_MUC_USER)?.getChild('invite') &&
              (el.attrs.from ?? '').startsWith('alarm-');
            if (ok) alarmText = el.getChildText('body') ?? alarmText;
            return ok;
          },
        ],
        'alarm fan-out',
      );
      // The spare that replaces the one this alarm takes (alarm-room-create), made after the alarm.
      const room = new Promise<number>((resolve, reject) => {
        const late = setTimeout(() => reject(new Error('no "alarm: spare room made" line within 30 s')), 30_000);
        roomLogged = (ms) => (clearTimeout(late), resolve(ms));
      });
      const t0 = performance.now();
      const done = await exchange(trigger, cmd({ sessionid, action: 'complete' }, submitForm(fields)), 60_000);
      if (done.attrs.type === 'error') throw new Error(`alarm command failed: ${done.toString().slice(0, 300)}`);
      const t1 = await have;
      if (measured) fanout.push(t1 - t0);
      const ms = await room;
      if (measured) roomMs.push(ms);
    };
    const roomRound = async (measured: boolean) => {
      const text = `${alarmText} (bench-${n++})`;
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

    await alternate(ROUNDS, WARMUP, alarmRound, roomRound, say);
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
    await stack.stop();
  }
}
