// What a preset may hold, checked the same way for the seed and for
// alarm-preset-edit: every problem is listed, each as "<field>: <why>". The
// rules are about one another (an acknowledgement rule must ask for a role
// the alarm can reach), so they are written out here rather than in a schema;
// addresses and roles follow the directory's own checks.
import { ALARM_DETAILS, ALARM_ICONS, ALARM_SEVERITIES, type AlarmPreset } from '@bleep/protocol';
import { displayProblem, peopleProblems, ROLE, roleProblems } from '../directory/validate.ts';
import { quote } from '../xmpp/errors.ts';

export const PRESET_ID = /^[a-z][a-z0-9-]{1,39}$/;
export const LIMITS = {
  name: 60,
  ackPerRole: 50,
  afterS: { min: 10, max: 86_400 },
  repeatS: { min: 10, max: 3600 },
  ladder: 10,
} as const;

export interface PresetContext {
  readonly domain: string;
  readonly mucHost: string;
}

const int = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;

export function presetProblems(p: AlarmPreset, ctx: PresetContext): string[] {
  const problems: string[] = [];
  const { responders: r } = p;
  if (!PRESET_ID.test(p.id)) problems.push('Id: 2 to 40 lower-case letters, digits and -, starting with a letter');
  const name = p.name.trim();
  if (!name || name.length > LIMITS.name) problems.push(`Name: must be 1 to ${LIMITS.name} characters`);
  const nameWhy = displayProblem(p.name);
  if (nameWhy) problems.push(`Name: ${nameWhy}`);
  if (!/^#[0-9a-f]{6}$/i.test(p.colour)) problems.push(`Colour: ${quote(p.colour)} is not a colour like #1d4ed8`);
  if (!ALARM_ICONS.includes(p.icon)) problems.push(`Icon: choose one of ${ALARM_ICONS.join(', ')}`);
  if (!ALARM_SEVERITIES.includes(p.severity)) problems.push(`Severity: choose one of ${ALARM_SEVERITIES.join(', ')}`);
  if (r.roles.length + r.people.length + r.rooms.length === 0)
    problems.push('Responders: name at least one role, person or room, or nobody is alerted');
  problems.push(
    ...roleProblems('Responder roles', r.roles),
    ...peopleProblems('Responder people', r.people, ctx.domain),
  );
  for (const room of r.rooms)
    if (!new RegExp(`^[^@/\\s]+@${ctx.mucHost.replace(/\./g, '\\.')}$`).test(room))
      problems.push(`Responder rooms: ${quote(room)} is not a room like name@${ctx.mucHost}`);
  problems.push(...roleProblems('Who may trigger', p.triggerRoles));
  for (const d of p.details)
    if (!ALARM_DETAILS.includes(d)) problems.push(`Details: choose from ${ALARM_DETAILS.join(', ')}`);
  problems.push(...ackProblems(p), ...ladderProblems(p, ctx));
  if (!int(p.repeatS, LIMITS.repeatS.min, LIMITS.repeatS.max))
    problems.push(`Repeat: a whole number of seconds from ${LIMITS.repeatS.min} to ${LIMITS.repeatS.max}`);
  return problems;
}

function ackProblems(p: AlarmPreset): string[] {
  const problems: string[] = [];
  if (p.ack.length === 0)
    problems.push('Acknowledgement: ask for at least one acknowledgement (e.g. "nurse 1"), or nobody can answer it');
  problems.push(
    ...roleProblems(
      'Acknowledgement',
      p.ack.map((a) => a.role),
    ),
  );
  const reachable = new Set([...p.responders.roles, ...p.ladder.flatMap((s) => s.roles)]);
  const anyone = p.ladder.some((s) => s.everyoneOnDuty);
  const seen = new Set<string>();
  for (const a of p.ack) {
    if (seen.has(a.role)) problems.push(`Acknowledgement: ${quote(a.role)} is named twice; give one count per role`);
    seen.add(a.role);
    if (!int(a.n, 1, LIMITS.ackPerRole))
      problems.push(
        `Acknowledgement: the count for ${quote(a.role)} must be a whole number from 1 to ${LIMITS.ackPerRole}`,
      );
    if (ROLE.test(a.role) && !reachable.has(a.role) && !anyone)
      problems.push(
        `Acknowledgement: ${quote(a.role)} is neither a responder role nor on the escalation ladder, so it could never be met`,
      );
  }
  return problems;
}

function ladderProblems(p: AlarmPreset, ctx: PresetContext): string[] {
  const problems: string[] = [];
  if (p.ladder.length > LIMITS.ladder) problems.push(`Escalation: at most ${LIMITS.ladder} steps`);
  let last = 0;
  p.ladder.forEach((s, i) => {
    const n = `Escalation step ${i + 1}`;
    if (!int(s.afterS, LIMITS.afterS.min, LIMITS.afterS.max))
      problems.push(`${n}: wait a whole number of seconds from ${LIMITS.afterS.min} to ${LIMITS.afterS.max}`);
    else if (s.afterS <= last) problems.push(`${n}: must come later than the step before (${last} s)`);
    last = Math.max(last, s.afterS);
    if (s.roles.length + s.people.length === 0 && !s.everyoneOnDuty)
      problems.push(`${n}: name whom it alerts (role:<role>, person:<address> or on-duty)`);
    problems.push(...roleProblems(n, s.roles), ...peopleProblems(n, s.people, ctx.domain));
  });
  return problems;
}
