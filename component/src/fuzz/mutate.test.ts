// The mutation generator: the same seed gives the same mutants (a run can be
// repeated), well-formed mutants really are well-formed XML that Prosody will
// take (one stanza, under its c2s size limit). That Prosody refuses the
// ill-formed ones is seen in the int run (fuzz.int.test.ts): their stream ends.
import { describe, expect, it } from 'vitest';
import { Parser } from '@xmpp/xml';
import { mutate } from './mutate.ts';
import { random } from './random.ts';
import { el, render } from './tree.ts';

const target = { ops: 'ops.h.example', people: ['nurse@h.example'] };
const seed = el(
  'iq',
  { type: 'set', to: 'ops.h.example', id: 'fz1.' },
  el(
    'command',
    { xmlns: 'http://jabber.org/protocol/commands', node: 'duty' },
    el('x', { xmlns: 'jabber:x:data' }, el('field', { var: 'on-duty' }, el('value', {}, 'true'))),
  ),
);

/** The stanzas a parser finds in `text`, or the error it stops with. */
function parse(text: string): { stanzas: number; error?: string } {
  const p = new Parser();
  let stanzas = 0;
  let error: string | undefined;
  p.on('element', () => stanzas++);
  p.on('error', (e: Error) => (error = e.message));
  p.write(`<stream xmlns="jabber:client">`);
  p.write(text);
  return { stanzas, ...(error ? { error } : {}) };
}

// Mutants reach 100 kB: rendering and parsing hundreds takes seconds on a loaded machine.
describe('mutate', { timeout: 30_000 }, () => {
  it('gives the same mutants for the same seed', () => {
    const run = (s: number) =>
      Array.from(
        { length: 50 },
        (
          (r) => () =>
            mutate(seed, r, target).wire.toString()
        )(random(s)),
      );
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
  });

  it('keeps well-formed mutants one parseable stanza under Prosody’s 256 KiB limit, never changing the seed', () => {
    const r = random(42);
    const before = render(seed);
    let illFormed = 0;
    for (let i = 0; i < 200; i++) {
      const m = mutate(seed, r, target, 0.05);
      if (m.illFormed) {
        illFormed++;
        continue;
      }
      expect(Buffer.byteLength(m.wire)).toBeLessThan(200_000);
      expect(parse(m.wire as string)).toEqual({ stanzas: 1 });
      expect(m.stanza.attrs.id ?? 'fz1.').toMatch(/^fz1\./);
    }
    expect(render(seed)).toBe(before);
    expect(illFormed).toBeGreaterThan(2);
  });
});
