// What a template may hold: the seeded ones pass and read back from their own
// form unchanged; a bad one is refused with every reason.
import type { ChoiceStyle } from '@bleep/protocol';
import type { RequestTemplate } from '../store/types.ts';
import { describe, expect, it } from 'vitest';
import { templateFromValues, templateValues } from './template-form.ts';
import { templateProblems } from './template-problems.ts';
import { DEFAULT_TEMPLATES } from './templates.ts';

const ctx = { domain: 'h.example', roleHeld: async (r: string) => ['doctor', 'dispatcher'].includes(r) };
const join = DEFAULT_TEMPLATES.find((t) => t.id === 'join-team')!;

describe('quick-response templates', () => {
  it('seeds templates that pass and read back from their own form unchanged', async () => {
    for (const t of DEFAULT_TEMPLATES) {
      expect(await templateProblems(t, ctx)).toEqual([]);
      expect(templateFromValues(templateValues(t))).toEqual({ template: t, problems: [] });
    }
  });

  it('refuses buttons that cannot be answered apart, or that nobody can accept', async () => {
    const t: RequestTemplate = {
      ...join,
      choices: [
        { value: 'no', label: 'No', style: 'neutral', accepts: false },
        { value: 'no', label: 'no', style: 'loud' as ChoiceStyle, accepts: false },
        { value: 'x', label: ' ', style: 'danger', accepts: false },
      ],
    };
    expect(await templateProblems(t, ctx)).toEqual([
      'Buttons: "loud" is not a style (primary, danger, neutral)',
      'Buttons: the label of "x": must be 1 to 30 characters',
      'Buttons: the value "no" is used twice',
      'Buttons: the label "no" is used twice, so a text answer could not tell them apart',
      'Buttons: at least one must accept, or the request can never be met',
    ]);
  });

  it('refuses a quorum, times and fields out of bounds, and join-room without its room field', async () => {
    const { template, problems } = templateFromValues({
      ...templateValues(join),
      rule: 'quorum',
      quorum: '0',
      expires: '60',
      'escalate-after': '90',
      'escalate-roles': ['surgeon'],
      fields: ['note text optional Note', 'note jid required Again', 'bad line'],
    });
    expect(problems).toEqual(['Fields: "bad line" is not "<name> <text|jid> <required|optional> <label>"']);
    expect(await templateProblems(template, ctx)).toEqual([
      'Accepts needed: a whole number from 1 to 50 with the rule quorum',
      'Escalate after: must come before the request expires (60 s)',
      'Fields: the name "note" is used twice',
      'On accept: join-room needs a required field "room jid required <label>" naming the team\'s room',
      'Escalate to roles: nobody in the directory holds the role "surgeon"',
    ]);
  });

  it('asks when an escalation goes out', () => {
    const { problems } = templateFromValues({ ...templateValues(join), 'escalate-roles': ['doctor'] });
    expect(problems).toEqual(['Escalation: say after how many seconds it goes out']);
  });
});
