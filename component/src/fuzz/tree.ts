// Stanzas as plain trees, written out by hand rather than by xmpp.js's xml():
// the fuzzer must be able to write what a builder would refuse or escape
// (unknown namespaces, odd attribute names, raw ill-formed text).
export interface Node {
  name: string;
  attrs: Record<string, string>;
  children: (Node | string)[];
}

export const el = (
  name: string,
  attrs: Record<string, string> = {},
  ...children: (Node | string | undefined)[]
): Node => ({
  name,
  attrs,
  children: children.filter((c) => c !== undefined),
});

export const clone = (n: Node): Node => structuredClone(n);

const escape = (s: string, quote: boolean) =>
  s.replace(
    quote ? /[&<>"']/g : /[&<>]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

/** The stanza as XML text; well-formed as long as names are XML names. */
export function render(n: Node): string {
  const attrs = Object.entries(n.attrs)
    .map(([k, v]) => ` ${k}="${escape(v, true)}"`)
    .join('');
  if (!n.children.length) return `<${n.name}${attrs}/>`;
  const inner = n.children.map((c) => (typeof c === 'string' ? escape(c, false) : render(c))).join('');
  return `<${n.name}${attrs}>${inner}</${n.name}>`;
}

/** Every element of the tree, the root first. */
export function elements(n: Node): Node[] {
  return [n, ...n.children.flatMap((c) => (typeof c === 'string' ? [] : elements(c)))];
}

/** The text children of every element, as [parent, index] pairs. */
export function texts(n: Node): [Node, number][] {
  return elements(n).flatMap((e) =>
    e.children.flatMap((c, i): [Node, number][] => (typeof c === 'string' ? [[e, i]] : [])),
  );
}
