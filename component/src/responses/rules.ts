// The rules that decide a request from its answers (protocol/README.md,
// "Quick responses"): exclusive, each, quorum of N. Pure: the store runs
// them under the request's lock (store/types.ts ResponseStore.change), and
// the alarms of issue #10 reuse them.
import { OPEN_STATUSES, type Answer, type Choice, type RequestStatus, type ResponseRule } from '@bleep/protocol';

export interface Tally {
  readonly addressed: number;
  readonly accepted: number;
  readonly declined: number;
}

export function tally(choices: readonly Choice[], addressed: number, answers: readonly Answer[]): Tally {
  const accepts = new Set(choices.filter((c) => c.accepts).map((c) => c.value));
  const accepted = answers.filter((a) => accepts.has(a.choice)).length;
  return { addressed, accepted, declined: answers.length - accepted };
}

export const isOpen = (s: RequestStatus): boolean => OPEN_STATUSES.includes(s);

/** The status a tally reaches under a rule, or undefined while it is still open. */
export function decided(rule: ResponseRule, t: Tally): 'accepted' | 'declined' | undefined {
  const waiting = t.addressed - t.accepted - t.declined;
  switch (rule.kind) {
    case 'exclusive':
      if (t.accepted >= 1) return 'accepted';
      return waiting === 0 && t.addressed > 0 ? 'declined' : undefined;
    case 'quorum':
      if (t.accepted >= rule.n) return 'accepted';
      return t.accepted + waiting < rule.n ? 'declined' : undefined;
    case 'each':
      if (waiting > 0) return undefined;
      return t.declined === 0 ? 'accepted' : 'declined';
  }
}

/** Whether the rule is met: fewer accepts than this escalate. */
export function needed(rule: ResponseRule, addressed: number): number {
  return rule.kind === 'exclusive' ? 1 : rule.kind === 'quorum' ? rule.n : addressed;
}
