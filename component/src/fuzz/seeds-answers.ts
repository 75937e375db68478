// Seeds that answer what the component sent the fuzzed accounts (live.ts):
// a "1" typed in a room a request or alarm was posted in (requests/room-answer.ts;
// the account enters the room first, as a plain client does), a reply to a
// request's req-<id> address, and a step of a command session opened earlier,
// often one the component has closed as idle since (xmpp/adhoc.ts).
import { NS_COMMANDS, NS_DATA, NS_MUC } from '@bleep/protocol';
import type { Random } from './random.ts';
import type { Seed, SeedEnv } from './seeds.ts';
import { el } from './tree.ts';

/** Answers as typed (by number, value or label, any case) and lines that only look like one. */
const ANSWERS = ['1', '2', '3', ' 2 ', '0', '99', '1.', 'accept', 'On my way', 'DECLINE', 'acknowledge', 'yes', '١'];

const answer = (r: Random, env: SeedEnv) => (r.chance(0.9) ? r.pick(ANSWERS) : `1 ${env.marker}`);
// With nothing learnt yet, addresses that exist nowhere: the refusals are fuzzed too.
const room = (r: Random, { live, domain }: SeedEnv) =>
  live.rooms.length ? r.pick(live.rooms) : `fz-none@conference.${domain}`;
const nick = (me: string) => `fz-${me.split('@')[0]}`;

/** XEP-0045 §7.2: enter without history, so the room's posts are not replayed to the account. */
export const enterRoom = (room: string, me: string) =>
  el('presence', { to: `${room}/${nick(me)}` }, el('x', { xmlns: NS_MUC }, el('history', { maxstanzas: '0' })));

export const answers = (env: SeedEnv): Seed[] => {
  const { live } = env;
  return [
    { name: 'room enter', build: (r) => enterRoom(room(r, env), env.me) },
    {
      name: 'room answer',
      // Each answer seed is one of a hundred or so, and most mutants of "1" are no answer: weighted so that a
      // 2,000-stanza run has some answers reach the room-answer path whole.
      weight: 10,
      build: (r, n) =>
        el('message', { type: 'groupchat', to: room(r, env), id: `fz${n}.` }, el('body', {}, answer(r, env))),
    },
    {
      name: 'answer to req-',
      weight: 5,
      build: (r, n) =>
        el(
          'message',
          { type: 'chat', to: live.requests.length ? r.pick(live.requests) : `req-none@${env.ops}`, id: `fz${n}.` },
          el('body', {}, answer(r, env)),
        ),
    },
    {
      name: 'old session step',
      build: (r, n) => {
        const s = live.sessions.length ? r.pick(live.sessions) : { node: 'whoami', sessionid: 'none' };
        const action = r.pick(['complete', 'next', 'prev', 'cancel', 'execute']);
        const form = r.chance(0.5) ? el('x', { xmlns: NS_DATA, type: 'submit' }) : undefined;
        return el(
          'iq',
          { type: 'set', to: env.ops, id: `fz${n}.` },
          el('command', { xmlns: NS_COMMANDS, node: s.node, sessionid: s.sessionid, action }, form),
        );
      },
    },
  ];
};
