// A text reply from any client, matched to a choice: its number in the body's
// list ("1"), its value ("accept") or its label ("Accept"), in any case, with
// surrounding spaces and a final "." or "!" ignored. XEP-0439 §4.1: a client
// that shows the buttons sends the chosen value as the body, which matches too.
import type { Choice } from '@bleep/protocol';

const fold = (s: string) =>
  s
    .normalize('NFKC')
    .trim()
    .replace(/[.!]+$/u, '')
    .trim()
    .toLocaleLowerCase('en');

export function matchChoice(choices: readonly Choice[], text: string): Choice | undefined {
  const said = fold(text);
  if (/^\d{1,3}$/.test(said)) return choices[Number(said) - 1];
  return choices.find((c) => fold(c.value) === said || fold(c.label) === said);
}

/** "1 (Accept) or 2 (Decline)": what a reply may be, for the body and for a refusal. */
export function replyHint(choices: readonly Choice[]): string {
  const each = choices.map((c, i) => `${i + 1} (${c.label})`);
  return each.length > 1 ? `${each.slice(0, -1).join(', ')} or ${each.at(-1)}` : (each[0] ?? '');
}
