// Per-role acknowledgement (issue #10's alarms; any request may use it): a
// rule such as "1 anaesthesia and 2 nurse" is met when enough people holding
// each role chose an answer that counts. The exclusive/each/quorum rules
// (rules.ts) count people; this counts people per role. Pure: roles come in
// as a lookup, read from the directory by the caller.
//
// Someone who holds two asked-for roles counts once, for the first of those
// roles (in the rule's order) that still needs people; answers are taken in
// the order they came. Greedy rather than an optimal matching on purpose: it
// is what a person reading the tally would do, and rules name few roles.
import type { Answer, Choice, IncidentRoleTally } from '@bleep/protocol';

export interface RoleNeed {
  readonly role: string;
  readonly n: number;
}

/** Per role: how many it needs and the bare JIDs counted for it, in answer order (as incident rooms carry it). */
export type RoleCount = IncidentRoleTally;

export interface RoleTally {
  readonly per: readonly RoleCount[];
  readonly met: boolean;
  /** Bare JIDs whose answer did not count (declined), in answer order. */
  readonly declined: readonly string[];
}

export function roleTally(
  need: readonly RoleNeed[],
  choices: readonly Choice[],
  answers: readonly Answer[],
  rolesOf: (jid: string) => readonly string[],
): RoleTally {
  const accepts = new Set(choices.filter((c) => c.accepts).map((c) => c.value));
  const by = new Map(need.map((r) => [r.role, [] as string[]]));
  const declined: string[] = [];
  for (const a of [...answers].sort((x, y) => (x.at < y.at ? -1 : x.at > y.at ? 1 : 0))) {
    if (!accepts.has(a.choice)) {
      declined.push(a.by);
      continue;
    }
    const held = rolesOf(a.by);
    const slot = need.find((r) => held.includes(r.role) && by.get(r.role)!.length < r.n);
    if (slot) by.get(slot.role)!.push(a.by);
  }
  const per = need.map((r) => ({ role: r.role, n: r.n, by: by.get(r.role)! }));
  return { per, met: per.every((r) => r.by.length >= r.n), declined };
}

/** "anaesthesia 1/1, nurse 1/2": the tally as a line. */
export const tallyLine = (t: RoleTally) => t.per.map((r) => `${r.role} ${r.by.length}/${r.n}`).join(', ');

/** "1 nurse": what is still missing, or '' when the rule is met. */
export const missingLine = (t: RoleTally) =>
  t.per
    .filter((r) => r.by.length < r.n)
    .map((r) => `${r.n - r.by.length} ${r.role}`)
    .join(', ');
