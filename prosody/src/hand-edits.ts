// Hand edits: an admin may have changed prosody.cfg.lua on disk since Bleep last rendered it. Both texts are read
// with a real Lua parser (luaparse, MIT) into their option assignments, per section (global, or the
// VirtualHost/Component they follow, https://prosody.im/doc/configure#overview), and compared by value, so
// comments and layout do not count. Each difference is reported before anything is written over it.
import luaparse from 'luaparse';
import type { Expression, Statement } from 'luaparse';
import { redactSecrets } from './config-diff.ts';

export interface Assignment {
  /** '*' for the global section, else the host name of the VirtualHost or Component. */
  readonly section: string;
  readonly name: string;
  /** The value, canonical (its syntax tree without positions). */
  readonly value: string;
  /** The statement's source text, as written. */
  readonly source: string;
  readonly range: readonly [number, number];
}

export interface HandEdit {
  readonly section: string;
  readonly name: string;
  readonly kind: 'changed' | 'added' | 'removed';
  /** The statement as it stands on disk ('' when removed). */
  readonly onDisk: string;
}

/** The host a `VirtualHost "x"` or `Component "x" "mod"` statement opens, if it is one. */
function sectionOf(st: Statement): string | undefined {
  if (st.type !== 'CallStatement') return undefined;
  let e: Expression = st.expression;
  let host: string | undefined;
  while (e.type === 'StringCallExpression' || e.type === 'CallExpression') {
    const arg = e.type === 'StringCallExpression' ? e.argument : e.arguments[0];
    if (arg?.type === 'StringLiteral') host = stringValue(arg.raw);
    e = e.base;
  }
  return e.type === 'Identifier' && (e.name === 'VirtualHost' || e.name === 'Component') ? host : undefined;
}

function stringValue(raw: string): string {
  // Host names are plain DNS names (schema.ts): no escapes to undo.
  return raw.slice(1, -1);
}

/** A statement alone on its line(s) takes its indent and its trailing comment with it. */
function wholeLines(text: string, [start, end]: [number, number]): [number, number] {
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl < 0 ? text.length : nl;
  const from = /^[ \t]*$/.test(text.slice(lineStart, start)) ? lineStart : start;
  const to = /^[ \t]*(--.*)?$/.test(text.slice(end, lineEnd)) ? lineEnd : end;
  return [from, to];
}

const canonical = (node: unknown): string =>
  JSON.stringify(node, (k, v: unknown) => (k === 'range' || k === 'loc' ? undefined : v));

/** Every `name = value` of a config, in order; throws with the parser's message if the text is not Lua. */
export function assignments(config: string): Assignment[] {
  const chunk = luaparse.parse(config, { ranges: true, comments: false, luaVersion: '5.3' });
  const out: Assignment[] = [];
  let section = '*';
  for (const st of chunk.body) {
    const opened = sectionOf(st);
    if (opened !== undefined) section = opened;
    if (st.type !== 'AssignmentStatement' && st.type !== 'LocalStatement') continue;
    st.variables.forEach((v, i) => {
      if (v.type !== 'Identifier') return;
      const init = st.init[i];
      // luaparse sets `range` with { ranges: true }; its types leave it out.
      const range = wholeLines(config, (st as unknown as { range: [number, number] }).range);
      out.push({
        section,
        name: v.name,
        value: init ? canonical(init) : 'nil',
        source: config.slice(range[0], range[1]),
        range,
      });
    });
  }
  return out;
}

const keyOf = (a: { section: string; name: string }) => `${a.section}\u0000${a.name}`;

/** What differs between the config on disk and the one Bleep rendered last. */
export function handEdits(onDisk: string, lastRendered: string): HandEdit[] {
  const disk = new Map(assignments(onDisk).map((a) => [keyOf(a), a]));
  const ours = new Map(assignments(lastRendered).map((a) => [keyOf(a), a]));
  const edits: HandEdit[] = [];
  for (const [k, a] of disk) {
    const o = ours.get(k);
    if (!o) edits.push({ section: a.section, name: a.name, kind: 'added', onDisk: a.source });
    else if (o.value !== a.value) edits.push({ section: a.section, name: a.name, kind: 'changed', onDisk: a.source });
  }
  for (const [k, o] of ours)
    if (!disk.has(k)) edits.push({ section: o.section, name: o.name, kind: 'removed', onDisk: '' });
  return edits;
}

/** One line per hand edit, for the CLI and the refusal text. */
export function describeHandEdits(edits: readonly HandEdit[]): string {
  return edits
    .map((e) => {
      const where = e.section === '*' ? 'global section' : e.section;
      if (e.kind === 'removed') return `  - ${e.name} (${where}): removed by hand`;
      return `  - ${e.name} (${where}): ${e.kind} by hand: ${redactSecrets(e.onDisk).replace(/\s+/g, ' ').slice(0, 160)}`;
    })
    .join('\n');
}

/**
 * The new rendered config with the hand edits kept: a changed option keeps its text from disk, an added one is
 * put at the end of its section, a removed one stays removed. A hand edit of an option the new settings change
 * too is a conflict, never decided silently: returned instead of a text.
 */
export function keepHandEdits(
  rendered: string,
  edits: readonly HandEdit[],
  lastRendered: string,
): { ok: true; config: string } | { ok: false; conflicts: HandEdit[] } {
  const now = new Map(assignments(rendered).map((a) => [keyOf(a), a]));
  const last = new Map(assignments(lastRendered).map((a) => [keyOf(a), a]));
  const conflicts = edits.filter((e) => {
    const a = now.get(keyOf(e));
    const b = last.get(keyOf(e));
    return (a?.value ?? '') !== (b?.value ?? '');
  });
  if (conflicts.length > 0) return { ok: false, conflicts };
  // Replacements by position, applied from the end so earlier ranges stay right.
  const patches: { at: number; end: number; text: string }[] = [];
  for (const e of edits) {
    const a = now.get(keyOf(e));
    if (e.kind === 'changed' && a) patches.push({ at: a.range[0], end: a.range[1], text: e.onDisk });
    if (e.kind === 'removed' && a) patches.push({ at: a.range[0], end: a.range[1], text: '' });
    if (e.kind === 'added') {
      const inSection = [...now.values()].filter((x) => x.section === e.section);
      const after = inSection.at(-1)?.range[1] ?? rendered.length;
      patches.push({ at: after, end: after, text: `\n${e.onDisk}` });
    }
  }
  let config = rendered;
  for (const p of patches.sort((x, y) => y.at - x.at)) config = config.slice(0, p.at) + p.text + config.slice(p.end);
  return { ok: true, config };
}
