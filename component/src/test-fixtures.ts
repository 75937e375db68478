// For unit tests: a golden stanza of protocol/fixtures as an element (comments dropped).
import { readFileSync } from 'node:fs';
import { Parser, type Element } from './xmpp/xml.ts';

export function fixture(name: string): Element {
  const text = readFileSync(new URL(`../../protocol/fixtures/${name}`, import.meta.url), 'utf8');
  const p = new Parser();
  let root: Element | undefined;
  p.on('start', (el) => (root = el));
  p.on('element', (el) => root!.append(el));
  p.write(text.replace(/<!--[\s\S]*?-->/g, '').trim());
  p.end();
  return root!;
}

type Canon = { name: string; attrs: [string, string | undefined][]; children: (Canon | string)[] };
/** An element in a form to compare with a fixture: attributes sorted, whitespace between elements dropped. */
export function canon(el: Element): Canon {
  return {
    name: el.name,
    attrs: Object.entries(el.attrs).sort(([a], [b]) => (a < b ? -1 : 1)),
    children: el.children.map((c) => (typeof c === 'string' ? c.trim() : canon(c))).filter((c) => c !== ''),
  };
}
