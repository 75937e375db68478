// Valid stanzas for the fuzzer to mutate, in families. A later service
// (requests, locations, alarms) adds its own family to SEED_FAMILIES; its
// commands are found without that, from what the component lists (below).
import {
  LOCATION_NODE,
  NS_COMMANDS,
  NS_DATA,
  NS_DISCO_INFO,
  NS_DISCO_ITEMS,
  NS_GEOLOC,
  NS_PING,
  NS_PUBSUB,
  NS_SID,
} from '@bleep/protocol';
import type { Live } from './live.ts';
import type { Random } from './random.ts';
import { answers } from './seeds-answers.ts';
import { el, type Node } from './tree.ts';

/** One field of a command's form, as the component rendered it. */
export interface FormField {
  readonly var: string;
  readonly type: string;
  readonly options: readonly string[];
  /** What the form showed in it (a hidden version, the model being edited, …). */
  readonly values: readonly string[];
}

/** A command the account may run, with the form its first step shows (none for one-step commands). */
export interface CommandShape {
  readonly node: string;
  readonly fields?: readonly FormField[];
  readonly formType?: string;
}

export interface SeedEnv {
  readonly ops: string;
  readonly domain: string;
  /** The commands this account sees listed, with their forms. */
  readonly commands: readonly CommandShape[];
  /** Put in every message body a person writes, so a log line holding one is found. */
  readonly marker: string;
  /** The account's bare JID (its own location item). */
  readonly me: string;
  /** What the account has learnt so far: rooms, req-<id> addresses, command sessions. */
  readonly live: Live;
  /** Both fuzzing accounts' bare JIDs: a request to them comes back to be answered. */
  readonly fuzzers: readonly string[];
}

/** The latitude every fuzzed location carries: a log line holding it has leaked a location. */
export const LATITUDE_MARK = '52.0025123';

export interface Seed {
  readonly name: string;
  /** `sessionid`: a fresh session of `session`'s command, when the seed submits its form. */
  build(r: Random, n: number, sessionid?: string): Node;
  /** The command whose session the seed needs (it submits that command's form). */
  readonly session?: string;
  /** How many times as often as other seeds it is picked (1 when absent). */
  readonly weight?: number;
}

/** Roles to write to: base roles, one nobody holds, one not a role at all. */
const ROLES = ['nurse', 'dispatcher', 'doctor', 'admin', 'cardiology', 'no-such-role'];
const TEXTS = ['Bed 4 needs a check', 'Zoë Æsir', 'Station 3 – Ärztin', '🩺 on the way', '病房', 'Fuzz Ward é'];

const iq = (type: string, to: string, n: number, payload: Node) => el('iq', { type, to, id: `fz${n}.` }, payload);

/** The value a person would type into a field of this type, or leave as the form showed it. */
function fill(f: FormField, r: Random, env: SeedEnv, n: number): string[] {
  // A hidden field (the site model's version) goes back as shown, stale, or not at all.
  if (f.type === 'hidden') return r.pick([[...f.values], ['fz-stale'], []]);
  if (f.values.length && r.chance(0.3)) return [...f.values];
  // Left empty, as a person skips an optional field (a request to people names no role).
  if (r.chance(0.35)) return [];
  switch (f.type) {
    case 'boolean':
      return [r.pick(['true', 'false', '1', '0'])];
    // Nobody's account (never one of the fuzzing accounts: account commands would lock them out), or a room it is in.
    case 'jid-single':
      return [env.live.rooms.length && r.chance(0.3) ? r.pick(env.live.rooms) : `fz${n}@${env.domain}`];
    // The request form's people: the fuzzing accounts (the component leaves the sender out), so that requests
    // come back to be answered.
    case 'jid-multi':
      return r.chance(0.7) ? [...env.fuzzers] : [...env.fuzzers, `fz${n}@${env.domain}`];
    case 'text-multi':
      return r.chance(0.5) ? ['fuzzer'] : ['fuzzer', 'nurse'];
    case 'list-single':
    case 'list-multi':
      return f.options.length ? [r.pick(f.options)] : [];
    case 'fixed':
      return [];
    default:
      return [r.pick(TEXTS)];
  }
}

function commandSeeds(env: SeedEnv): Seed[] {
  return env.commands.flatMap((c): Seed[] => [
    {
      name: `execute ${c.node}`,
      build: (_r, n) => iq('set', env.ops, n, el('command', { xmlns: NS_COMMANDS, node: c.node, action: 'execute' })),
    },
    ...(c.fields
      ? [
          {
            name: `submit ${c.node}`,
            session: c.node,
            build: (r: Random, n: number, sessionid = 'none') =>
              iq(
                'set',
                env.ops,
                n,
                el(
                  'command',
                  { xmlns: NS_COMMANDS, node: c.node, sessionid, action: 'complete' },
                  el(
                    'x',
                    { xmlns: NS_DATA, type: 'submit' },
                    el('field', { var: 'FORM_TYPE', type: 'hidden' }, el('value', {}, c.formType ?? '')),
                    ...c
                      .fields!.filter((f) => f.var !== 'FORM_TYPE')
                      .map((f) => el('field', { var: f.var }, ...fill(f, r, env, n).map((v) => el('value', {}, v)))),
                  ),
                ),
              ),
          },
          {
            name: `cancel ${c.node}`,
            session: c.node,
            build: (_r: Random, n: number, sessionid = 'none') =>
              iq('set', env.ops, n, el('command', { xmlns: NS_COMMANDS, node: c.node, sessionid, action: 'cancel' })),
          },
        ]
      : []),
  ]);
}

const core = (env: SeedEnv): Seed[] => [
  { name: 'ping', build: (_r, n) => iq('get', env.ops, n, el('ping', { xmlns: NS_PING })) },
  { name: 'disco#info', build: (_r, n) => iq('get', env.ops, n, el('query', { xmlns: NS_DISCO_INFO })) },
  {
    name: 'disco#items commands',
    build: (_r, n) => iq('get', env.ops, n, el('query', { xmlns: NS_DISCO_ITEMS, node: NS_COMMANDS })),
  },
  {
    name: 'disco#info command',
    build: (r, n) => iq('get', env.ops, n, el('query', { xmlns: NS_DISCO_INFO, node: r.pick(env.commands).node })),
  },
  {
    name: 'unknown iq',
    build: (r, n) => iq(r.pick(['get', 'set']), env.ops, n, el('query', { xmlns: 'jabber:iq:version' })),
  },
  {
    name: 'chat to ops',
    build: (r, n) =>
      el('message', { type: 'chat', to: env.ops, id: `fz${n}.` }, el('body', {}, `${r.pick(TEXTS)} ${env.marker}`)),
  },
];

const roleMessages = (env: SeedEnv): Seed[] => [
  {
    name: 'role message',
    build: (r, n) =>
      el(
        'message',
        { type: 'chat', to: `${r.pick(ROLES)}@${env.ops}`, id: `fz${n}.` },
        el('body', {}, `${r.pick(TEXTS)} ${env.marker}`),
        el('origin-id', { xmlns: NS_SID, id: `fz-origin-${n}` }),
      ),
  },
];

const presence = (env: SeedEnv): Seed[] => [
  {
    name: 'presence',
    build: () => el('presence', { to: env.ops }, el('show', {}, 'away'), el('status', {}, env.marker)),
  },
  { name: 'presence unavailable', build: () => el('presence', { to: env.ops, type: 'unavailable' }) },
  { name: 'presence to a role', build: (r) => el('presence', { to: `${r.pick(ROLES)}@${env.ops}` }) },
];

// XEP-0060 shapes; the component has no node yet, so these exercise the refusals (unknown-node).
const pubsub = (env: SeedEnv): Seed[] => [
  {
    name: 'pubsub items',
    build: (_r, n) =>
      iq(
        'get',
        env.ops,
        n,
        el('pubsub', { xmlns: NS_PUBSUB }, el('items', { node: 'http://jabber.org/protocol/geoloc' })),
      ),
  },
  {
    name: 'pubsub publish',
    build: (_r, n) =>
      iq(
        'set',
        env.ops,
        n,
        el(
          'pubsub',
          { xmlns: NS_PUBSUB },
          el(
            'publish',
            { node: 'http://jabber.org/protocol/geoloc' },
            el(
              'item',
              { id: 'current' },
              el(
                'geoloc',
                { xmlns: 'http://jabber.org/protocol/geoloc' },
                el('building', {}, 'A'),
                el('lat', {}, '52.5'),
              ),
            ),
          ),
        ),
      ),
  },
  {
    name: 'pubsub subscribe',
    build: (_r, n) =>
      iq(
        'set',
        env.ops,
        n,
        el('pubsub', { xmlns: NS_PUBSUB }, el('subscribe', { node: 'urn:bleep:fuzz', jid: `nurse@${env.domain}` })),
      ),
  },
];

// The location service (location/): XEP-0080 on the node 'locations', one item per person (protocol/fixtures/location-publish.xml).
const locations = (env: SeedEnv): Seed[] => {
  const geoloc = (r: Random) =>
    el(
      'geoloc',
      { xmlns: NS_GEOLOC },
      el('lat', {}, LATITUDE_MARK),
      el('lon', {}, '4.362'),
      el('accuracy', {}, String(r.int(50))),
      el('building', {}, 'north'),
      el('floor', {}, 'n1'),
      el('room', {}, 'n1-3'),
      el('timestamp', {}, new Date().toISOString()),
    );
  const pubsubIq = (type: string, n: number, action: Node) =>
    iq(type, env.ops, n, el('pubsub', { xmlns: NS_PUBSUB }, action));
  const publish = (item: Node) => el('publish', { node: LOCATION_NODE }, item);
  return [
    { name: 'location publish', build: (r, n) => pubsubIq('set', n, publish(el('item', { id: env.me }, geoloc(r)))) },
    {
      name: 'location stop',
      build: (_r, n) => pubsubIq('set', n, publish(el('item', { id: env.me }, el('geoloc', { xmlns: NS_GEOLOC })))),
    },
    { name: 'location items', build: (_r, n) => pubsubIq('get', n, el('items', { node: LOCATION_NODE })) },
    {
      name: 'location subscribe',
      build: (_r, n) => pubsubIq('set', n, el('subscribe', { node: LOCATION_NODE, jid: env.me })),
    },
    {
      name: 'location retract',
      build: (_r, n) => pubsubIq('set', n, el('retract', { node: LOCATION_NODE }, el('item', { id: env.me }))),
    },
  ];
};

export const SEED_FAMILIES: readonly ((env: SeedEnv) => Seed[])[] = [
  core,
  commandSeeds,
  roleMessages,
  presence,
  pubsub,
  locations,
  answers,
];

export const seedsFor = (env: SeedEnv): Seed[] =>
  SEED_FAMILIES.flatMap((f) => f(env)).flatMap((s) => Array<Seed>(s.weight ?? 1).fill(s));
