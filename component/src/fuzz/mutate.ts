// Seeded mutations of a valid stanza, the kinds an attacker or a broken
// client produces. Most keep the XML well-formed, so that the stanza passes
// Prosody and reaches the component; `illFormed` breaks the XML itself (or its
// UTF-8), which Prosody must answer by closing that client's stream only.
import type { Random } from './random.ts';
import { clone, elements, render, texts, type Node } from './tree.ts';

export interface Target {
  /** ops.<domain>: mutated addresses stay under it, so junk never reaches a person. */
  readonly ops: string;
  /** Accounts whose address a forged 'from' claims. */
  readonly people: readonly string[];
}

/** What to write: text (well-formed or not), or raw bytes (invalid UTF-8). */
export interface Mutant {
  readonly stanza: Node;
  readonly wire: string | Buffer;
  readonly illFormed: boolean;
  readonly mutations: readonly string[];
}

/** Prosody's c2s limit is 256 KiB: stay under it, so the stanza reaches the component. */
const MAX_HUGE = 100_000;
const HUGE_CHARS = ["'", '"', '<', '&', 'a', 'é', '🩺', '\u202e', ' '];
const ODD_VALUES = [
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'true',
  'null',
  'undefined',
  '__proto__',
  'constructor',
  'toString',
  '\u202eevil',
  'é'.repeat(101),
  '🩺'.repeat(61),
  '\ud800',
  'a\nb',
  '\t',
  '*',
  '%s%n',
  '../../etc/passwd',
  "'; DROP TABLE x;--",
];
const TYPES = [
  'get',
  'set',
  'result',
  'error',
  'chat',
  'normal',
  'headline',
  'groupchat',
  'unavailable',
  'probe',
  'subscribe',
  '',
  'GET',
  'bogus',
];
const NAMESPACES = [
  'urn:fuzz:unknown',
  '',
  'jabber:x:data',
  'http://jabber.org/protocol/commands',
  'urn:bleep:errors:0',
  'jabber:client',
];
const NAMES = ['x', 'field', 'value', 'command', 'query', 'pubsub', 'body', 'item', 'fuzz', 'error', 'iq'];

// A character XML 1.0 allows (§2.2), the rest are re-rolled.
const xmlChar = (c: number) =>
  c === 0x9 || c === 0xa || c === 0xd || (c >= 0x20 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd) || c >= 0x10000;

type Op = (n: Node, r: Random, t: Target) => string;

// Addresses are mutated by oddTo and forgedFrom only, into JIDs under ops.<domain>: Prosody bounces
// an invalid 'to' from that same invalid address, which the test client (xmpp.js) cannot parse.
const ADDRESS = new Set(['to', 'from', 'xmlns']);
const free = (e: Node) => Object.keys(e.attrs).filter((k) => !ADDRESS.has(k));

/** Every attribute value in the tree but addresses and namespaces, as [element, name] pairs. */
const attrs = (n: Node) => elements(n).flatMap((e) => free(e).map((k): [Node, string] => [e, k]));

/** Sets an attribute; an id only grows, so the driver still knows which request an answer belongs to. */
function setAttr(e: Node, k: string, v: string): void {
  e.attrs[k] = k === 'id' && e.attrs.id !== undefined ? e.attrs.id + v : v;
}

const OPS: Record<string, Op> = {
  bitFlip(n, r) {
    const spots = [
      ...texts(n).map(([e, i]) => ({ get: () => e.children[i] as string, set: (s: string) => (e.children[i] = s) })),
      ...attrs(n)
        .filter(([e, k]) => !(e === n && k === 'id'))
        .map(([e, k]) => ({ get: () => e.attrs[k]!, set: (s: string) => (e.attrs[k] = s) })),
    ];
    if (!spots.length) return 'bitFlip:none';
    const s = r.pick(spots);
    const chars = [...s.get()];
    if (!chars.length) return 'bitFlip:empty';
    const i = r.int(chars.length);
    let code = chars[i]!.codePointAt(0)! ^ (1 << r.int(17));
    if (!xmlChar(code) || code > 0x10ffff) code = 0xfffd;
    chars[i] = String.fromCodePoint(code);
    s.set(chars.join(''));
    return 'bitFlip';
  },
  hugeAttr(n, r) {
    const e = r.pick(elements(n));
    const k = r.pick([...free(e), 'id', 'node', 'sessionid', 'action', 'xml:lang', 'var', 'fuzz']);
    setAttr(e, k, r.pick(HUGE_CHARS).repeat(1000 + r.int(MAX_HUGE / 8)));
    return `hugeAttr:${k}`;
  },
  hugeText(n, r) {
    const spots = texts(n);
    const fill = r.pick(HUGE_CHARS).repeat(1000 + r.int(MAX_HUGE / 8));
    if (spots.length) {
      const [e, i] = r.pick(spots);
      e.children[i] = fill;
    } else r.pick(elements(n)).children.push(fill);
    return 'hugeText';
  },
  oddAttr(n, r) {
    const e = r.pick(elements(n));
    const k = r.pick([...free(e), 'node', 'action', 'sessionid', 'var', 'type']);
    setAttr(e, k, r.pick(ODD_VALUES));
    return `oddAttr:${k}`;
  },
  oddText(n, r) {
    const spots = texts(n);
    if (!spots.length) return 'oddText:none';
    const [e, i] = r.pick(spots);
    e.children[i] = r.pick(ODD_VALUES);
    return 'oddText';
  },
  deepNest(n, r) {
    const depth = 10 + r.int(1000);
    const host = r.pick(elements(n));
    let inner: Node = { name: 'fuzz', attrs: {}, children: ['deep'] };
    for (let i = 0; i < depth; i++) inner = { name: r.pick(NAMES), attrs: {}, children: [inner] };
    host.children.push(inner);
    return `deepNest:${depth}`;
  },
  wrongType(n, r) {
    n.attrs.type = r.pick(TYPES);
    return `wrongType:${n.attrs.type}`;
  },
  forgedFrom(n, r, t) {
    n.attrs.from = r.pick([...t.people, t.ops, `admin@${t.ops}`, 'someone@evil.example/x', '']);
    return 'forgedFrom';
  },
  oddTo(n, r, t) {
    n.attrs.to = r.pick([
      t.ops,
      `${t.ops}/fuzz`,
      `nurse@${t.ops}`,
      `NURSE@${t.ops}`,
      `requests@${t.ops}`,
      `req-7@${t.ops}`,
      `alarms@${t.ops}/x`,
      `${'r'.repeat(1100)}@${t.ops}`,
      `é@${t.ops}`,
      `"@${t.ops}`,
    ]);
    return 'oddTo';
  },
  truncate(n, r) {
    const parents = elements(n).filter((e) => e.children.length);
    if (!parents.length) return 'truncate:none';
    const e = r.pick(parents);
    e.children.splice(r.int(e.children.length), 1 + r.int(e.children.length));
    return `truncate:${e.name}`;
  },
  duplicate(n, r) {
    const parents = elements(n).filter((e) => e.children.some((c) => typeof c !== 'string'));
    if (!parents.length) return 'duplicate:none';
    const e = r.pick(parents);
    const child = r.pick(e.children.filter((c) => typeof c !== 'string'));
    const times = r.chance(0.2) ? 100 + r.int(1000) : 1;
    for (let i = 0; i < times; i++) e.children.push(clone(child as Node));
    return `duplicate:${times}`;
  },
  unknownNs(n, r) {
    // Never the stanza itself: Prosody ends a client's stream for a stanza outside jabber:client.
    const inner = elements(n).slice(1);
    if (!inner.length) return 'unknownNs:none';
    const e = r.pick(inner);
    const ns = r.pick(NAMESPACES);
    if (ns) e.attrs.xmlns = ns;
    else delete e.attrs.xmlns;
    return `unknownNs:${ns}`;
  },
  rename(n, r) {
    const inner = elements(n).slice(1);
    if (!inner.length) return 'rename:none';
    r.pick(inner).name = r.pick(NAMES);
    return 'rename';
  },
  dropAttr(n, r) {
    const all = [...attrs(n), ...(n.attrs.to ? [[n, 'to'] as [Node, string]] : [])].filter(
      ([e, k]) => !(e === n && k === 'id'),
    );
    if (!all.length) return 'dropAttr:none';
    const [e, k] = r.pick(all);
    delete e.attrs[k];
    return `dropAttr:${k}`;
  },
  loneSurrogate(n, r) {
    // A JS string can hold half a UTF-16 pair; written as UTF-8 it becomes U+FFFD.
    const spots = texts(n);
    if (!spots.length) return 'loneSurrogate:none';
    const [e, i] = r.pick(spots);
    e.children[i] = `${e.children[i] as string}\ud83e`;
    return 'loneSurrogate';
  },
};

const WELL_FORMED = Object.keys(OPS);

/** Breaks the stanza's XML or its UTF-8: Prosody closes that client's stream (it never reaches the component). */
function illFormed(n: Node, r: Random): { wire: string | Buffer; kind: string } {
  const text = render(n);
  switch (r.int(5)) {
    case 0:
      // Cut inside the opening tag, then closed: never well-formed, whatever the cut.
      return { wire: `${text.slice(0, 1 + r.int(text.indexOf('>') - 1))}</iq>`, kind: 'illFormed:truncated' };
    case 1:
      return { wire: text.replace('>', '>\u0001'), kind: 'illFormed:controlChar' };
    case 2:
      return {
        wire: Buffer.concat([
          Buffer.from(text.slice(0, -2)),
          Buffer.from([0xc3, 0x28, 0xff]),
          Buffer.from(text.slice(-2)),
        ]),
        kind: 'illFormed:utf8',
      };
    case 3:
      // A stanza without children has no closing tag to mismatch: give it one.
      return {
        wire: text.endsWith('/>') ? `${text.slice(0, -2)}></wrong>` : text.replace(/<\/[\w:-]+>$/, '</wrong>'),
        kind: 'illFormed:mismatch',
      };
    default:
      return { wire: text.replace('<', '<!DOCTYPE x [<!ENTITY a "aaaa">]><'), kind: 'illFormed:doctype' };
  }
}

/** One to three mutations of `seed`; ill-formed with probability `illFormedRate`. */
export function mutate(seed: Node, r: Random, t: Target, illFormedRate = 0.003): Mutant {
  const n = clone(seed);
  const mutations: string[] = [];
  for (let i = 1 + r.int(3); i > 0; i--) mutations.push(OPS[r.pick(WELL_FORMED)]!(n, r, t));
  if (r.chance(illFormedRate)) {
    const bad = illFormed(n, r);
    return { stanza: n, wire: bad.wire, illFormed: true, mutations: [...mutations, bad.kind] };
  }
  const wire = render(n);
  // Too big for Prosody's c2s limit: send the seed's shape with one smaller mutation instead.
  if (Buffer.byteLength(wire) > 200_000) return mutate(seed, r, t, 0);
  return { stanza: n, wire, illFormed: false, mutations };
}
