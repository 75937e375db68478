// What a directory entry may hold, checked the same way for the seed and for
// directory-edit. Each problem names the field and says why.
//
// Addresses are bare JIDs of this hospital (RFC 7622): <local>@<domain>, the
// domain exactly, never a subdomain (ops., conference.) or another server.
// The local part follows PRECIS IdentifierClass (RFC 8264 §4.2, RFC 7622
// §3.3.1), checked by hand: no maintained npm package implements PRECIS
// (the stringprep ones are native addons or unmaintained), and the rule
// needs only Unicode properties that JavaScript's regular expressions have.
// Names, departments and extensions are shown to colleagues, so they may not
// carry control characters or bidi controls that make text read otherwise
// than it was written (Trojan Source, CVE-2021-42574).
import { isServiceLocalpart } from '../xmpp/addresses.ts';
import { quote } from '../xmpp/errors.ts';

export const ROLE = /^[a-z][a-z0-9-]{0,39}$/;
const NAME_MAX = 100;
// RFC 7622 §3.3.1: not allowed in a localpart even though PRECIS allows them.
const JID_SPECIALS = /["&'/:<>@]/u;
// PRECIS IdentifierClass: ASCII7 printable, or letters, marks and digits of any script.
const IDENTIFIER = /^(?:[\x21-\x7e]|\p{L}|\p{M}|\p{Nd})+$/u;
// Unicode bidi controls (UAX #9): ALM, LRM, RLM, LRE…RLO, LRI…PDI.
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;
const CONTROL = /\p{Cc}/u;

const codepoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why a text shown to others is refused, or undefined when it is fine. */
export function displayProblem(text: string): string | undefined {
  const bidi = BIDI.exec(text);
  if (bidi)
    return `contains a direction control (${codepoint(bidi[0])}), which can make it read otherwise than written`;
  const control = CONTROL.exec(text);
  if (control) return `contains a control character (${codepoint(control[0])})`;
  return undefined;
}

/** Why `jid` is not the bare JID of an account of `domain`, or undefined when it is. */
export function accountProblem(jid: string, domain: string): string | undefined {
  const at = jid.indexOf('@');
  if (at < 0 || jid.includes('/')) return `${quote(jid)} is not an address like name@${domain}`;
  const local = jid.slice(0, at);
  const host = jid.slice(at + 1).toLowerCase();
  if (host !== domain.toLowerCase())
    return `${quote(jid)} is not an account of this hospital: only name@${domain} (not another server, not a subdomain)`;
  if (!local) return 'the part before @ is empty';
  if (Buffer.byteLength(local) > 1023) return 'the part before @ is longer than 1023 bytes';
  const special = JID_SPECIALS.exec(local);
  if (special) return `the part before @ may not contain ${special[0]} (nor any of " & ' / : < > @)`;
  const bidiOrControl = displayProblem(local);
  if (bidiOrControl) return `the part before @ ${bidiOrControl}`;
  if (!IDENTIFIER.test(local))
    return 'the part before @ may hold only letters, digits and ASCII punctuation, no spaces';
  if (local.normalize('NFKC') !== local.normalize('NFC'))
    return 'the part before @ holds compatibility characters (such as full-width letters); type them plainly';
  return undefined;
}

export interface EntryInput {
  readonly jid: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly department?: string;
  readonly extension?: string;
}

/** Every problem of one entry, each as "<field>: <why>". */
export function entryProblems(e: EntryInput, domain: string): string[] {
  const problems: string[] = [];
  const account = accountProblem(e.jid, domain);
  if (account) problems.push(`Address: ${account}`);
  const name = e.name.trim();
  if (!name || name.length > NAME_MAX) problems.push(`Name: must be 1 to ${NAME_MAX} characters`);
  for (const [field, text] of [
    ['Name', name],
    ['Department', e.department ?? ''],
    ['Extension', e.extension ?? ''],
  ] as const) {
    const why = displayProblem(text);
    if (why) problems.push(`${field}: ${why}`);
  }
  for (const r of e.roles) {
    if (!ROLE.test(r))
      problems.push(`Roles: ${quote(r)} must be lower-case letters, digits and -, starting with a letter`);
    else if (isServiceLocalpart(r))
      problems.push(`Roles: ${quote(r)} is kept for a Bleep service address; choose another name`);
  }
  return problems;
}

/** The stored form of a valid address: lower-case, NFC. */
export function canonicalJid(jid: string): string {
  return jid.normalize('NFC').toLowerCase();
}

/** Each role of `roles` that is not one, as "<field>: <why>". */
export function roleProblems(field: string, roles: readonly string[]): string[] {
  return roles.flatMap((r) =>
    !ROLE.test(r)
      ? [`${field}: ${quote(r)} must be lower-case letters, digits and -, starting with a letter`]
      : isServiceLocalpart(r)
        ? [`${field}: ${quote(r)} is a Bleep service address, not a role`]
        : [],
  );
}

/** Each of `people` that is not an account of `domain`, as "<field>: <why>". */
export function peopleProblems(field: string, people: readonly string[], domain: string): string[] {
  return people.flatMap((p) => {
    const why = accountProblem(p, domain);
    return why ? [`${field}: ${why}`] : [];
  });
}
