// What a quick-response template may hold, checked for template-edit: every
// problem is listed, each as "<field>: <why>". Buttons must be answerable by
// tap and by text (issue #8: a reply "1" or "accept" counts), so their values
// and labels are unique; escalation reaches roles someone holds and people of
// this hospital; Join the Team needs the room field it acts on (send.ts).
import { CHOICE_STYLES, RULE_KINDS, TEMPLATE_LIMITS as L, type RuleKind } from '@bleep/protocol';
import { displayProblem, peopleProblems, roleProblems, ROLE } from '../directory/validate.ts';
import type { RequestTemplate } from '../store/types.ts';
import { quote } from '../xmpp/errors.ts';

export const TEMPLATE_ID = /^[a-z][a-z0-9-]{1,39}$/;
const CHOICE_VALUE = /^[a-z][a-z0-9-]{0,19}$/;
const FIELD_NAME = /^[a-z][a-z0-9-]{0,29}$/;

export interface TemplateContext {
  readonly domain: string;
  /** Whether anyone in the directory holds the role (store.directory.roleHeld). */
  readonly roleHeld: (role: string) => Promise<boolean>;
}

const int = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
const text = (field: string, s: string, max: number): string[] => {
  const why = displayProblem(s);
  return [
    ...(!s.trim() || s.length > max ? [`${field}: must be 1 to ${max} characters`] : []),
    ...(why ? [`${field}: ${why}`] : []),
  ];
};

/** Each value that comes twice in `xs` (as compared by `key`), once. */
const twice = (xs: readonly string[], key = (x: string) => x) => [
  ...new Set(xs.filter((x, i) => xs.findIndex((y) => key(y) === key(x)) !== i)),
];

function choiceProblems(t: RequestTemplate): string[] {
  const problems: string[] = [];
  const n = t.choices.length;
  if (n < 2 || n > L.choices) problems.push(`Buttons: give 2 to ${L.choices} buttons (there are ${n})`);
  for (const c of t.choices) {
    if (!CHOICE_VALUE.test(c.value))
      problems.push(
        `Buttons: the value ${quote(c.value)} must be 1 to 20 lower-case letters, digits and -, starting with a letter`,
      );
    if (!CHOICE_STYLES.includes(c.style))
      problems.push(`Buttons: ${quote(c.style)} is not a style (${CHOICE_STYLES.join(', ')})`);
    problems.push(...text(`Buttons: the label of ${quote(c.value)}`, c.label, L.choiceLabel));
  }
  for (const v of twice(t.choices.map((c) => c.value))) problems.push(`Buttons: the value ${quote(v)} is used twice`);
  for (const l of twice(
    t.choices.map((c) => c.label),
    (x) => x.toLowerCase(),
  ))
    problems.push(`Buttons: the label ${quote(l)} is used twice, so a text answer could not tell them apart`);
  if (n && !t.choices.some((c) => c.accepts))
    problems.push('Buttons: at least one must accept, or the request can never be met');
  return problems;
}

function ruleProblems(t: RequestTemplate): string[] {
  if (!RULE_KINDS.includes(t.rule.kind as RuleKind)) return [`Rule: choose one of ${RULE_KINDS.join(', ')}`];
  if (t.rule.kind === 'quorum' && !int(t.rule.n, 1, L.quorum))
    return [`Accepts needed: a whole number from 1 to ${L.quorum} with the rule quorum`];
  return [];
}

function timeProblems(t: RequestTemplate): string[] {
  const problems: string[] = [];
  const expires = t.expiresAfterMs === undefined ? undefined : t.expiresAfterMs / 1000;
  if (expires !== undefined && !int(expires, L.expires.min, L.expires.max))
    problems.push(`Expires after: a whole number of seconds from ${L.expires.min} to ${L.expires.max}, or empty`);
  const e = t.escalation;
  if (!e) return problems;
  const after = e.afterMs / 1000;
  if (!int(after, L.escalateAfter.min, L.escalateAfter.max))
    problems.push(
      `Escalate after: a whole number of seconds from ${L.escalateAfter.min} to ${L.escalateAfter.max}, or empty`,
    );
  else if (expires !== undefined && after >= expires)
    problems.push(`Escalate after: must come before the request expires (${expires} s)`);
  if (e.roles.length + e.people.length === 0) problems.push('Escalation: name the roles or people it asks');
  return problems;
}

function fieldProblems(t: RequestTemplate): string[] {
  const problems: string[] = [];
  if (t.fields.length > L.fields) problems.push(`Fields: at most ${L.fields}`);
  for (const f of t.fields) {
    if (!FIELD_NAME.test(f.var))
      problems.push(
        `Fields: the name ${quote(f.var)} must be 1 to 30 lower-case letters, digits and -, starting with a letter`,
      );
    problems.push(...text(`Fields: the label of ${quote(f.var)}`, f.label, L.fieldLabel));
  }
  for (const v of twice(t.fields.map((f) => f.var))) problems.push(`Fields: the name ${quote(v)} is used twice`);
  const room = t.fields.find((f) => f.var === 'room');
  if (t.onAccept === 'join-room' && (room?.type !== 'jid-single' || !room.required))
    problems.push('On accept: join-room needs a required field "room jid required <label>" naming the team\'s room');
  return problems;
}

async function escalationProblems(t: RequestTemplate, ctx: TemplateContext): Promise<string[]> {
  const e = t.escalation;
  if (!e) return [];
  const problems = [
    ...roleProblems('Escalate to roles', e.roles),
    ...peopleProblems('Escalate to people', e.people, ctx.domain),
  ];
  for (const r of e.roles)
    if (ROLE.test(r) && !(await ctx.roleHeld(r)))
      problems.push(`Escalate to roles: nobody in the directory holds the role ${quote(r)}`);
  return problems;
}

export async function templateProblems(t: RequestTemplate, ctx: TemplateContext): Promise<string[]> {
  return [
    ...(TEMPLATE_ID.test(t.id) ? [] : ['Id: 2 to 40 lower-case letters, digits and -, starting with a letter']),
    ...text('Title', t.title, L.title),
    ...choiceProblems(t),
    ...ruleProblems(t),
    ...timeProblems(t),
    ...fieldProblems(t),
    ...(await escalationProblems(t, ctx)),
  ];
}
