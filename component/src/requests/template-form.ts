// The template edit form and the templates table, declared once
// (xmpp/dataform.ts): the same declaration renders, validates what comes back,
// and lists. Buttons and context fields go one per line; they are read here
// into typed values (protocol TEMPLATE_FIELDS says their format), then
// template-problems.ts judges.
import {
  FORM_TEMPLATE,
  FORM_TEMPLATES,
  RULE_KINDS,
  TEMPLATE_FIELDS as F,
  TEMPLATE_ON_ACCEPT,
  type Choice,
  type ChoiceStyle,
  type ResponseRule,
} from '@bleep/protocol';
import type { Escalation, RequestTemplate, TemplateField } from '../store/types.ts';
import type { FieldDef, FormDef, FormValues } from '../xmpp/dataform.ts';
import { quote } from '../xmpp/errors.ts';
import { listOf as list, optionsOf as options, wholeNumber as whole } from '../xmpp/form-values.ts';

export const TEMPLATE_ID_FORM: FormDef = {
  formType: FORM_TEMPLATE,
  title: 'Edit a quick-response template',
  instructions: 'The id of the template to change (accept-patient, join-team …), or a new id to add one.',
  fields: [{ var: F.id, type: 'text-single', label: 'Template id', required: true, maxLength: 40 }],
};

export const TEMPLATE_DELETE_FORM: FormDef = {
  formType: FORM_TEMPLATE,
  title: 'Delete a quick-response template',
  instructions: 'The id of the template to delete. Requests already sent keep their own copy.',
  fields: [TEMPLATE_ID_FORM.fields[0]!],
};

const FIELDS: readonly FieldDef[] = [
  { var: F.id, type: 'text-single', label: 'Template id', required: true, maxLength: 40 },
  { var: F.title, type: 'text-single', label: 'Title', required: true, maxLength: 60 },
  {
    var: F.choices,
    type: 'text-multi',
    label: 'Buttons ("<value> <primary|danger|neutral> <accepts|declines> <label>" per line)',
    required: true,
    maxLength: 80,
    maxValues: 20,
  },
  { var: F.rule, type: 'list-single', label: 'Rule', required: true, options: options(RULE_KINDS) },
  { var: F.quorum, type: 'text-single', label: 'Accepts needed (rule quorum)', maxLength: 9 },
  { var: F.expires, type: 'text-single', label: 'Expires after (seconds; empty: never)', maxLength: 9 },
  { var: F.escalateAfter, type: 'text-single', label: 'Escalate after (seconds; empty: never)', maxLength: 9 },
  { var: F.escalateRoles, type: 'text-multi', label: 'Escalate to roles (on duty; one per line)', maxLength: 40 },
  { var: F.escalatePeople, type: 'text-multi', label: 'Escalate to people (addresses, one per line)', maxLength: 300 },
  {
    var: F.fields,
    type: 'text-multi',
    label: 'Fields the sender fills in ("<name> <text|jid> <required|optional> <label>" per line)',
    maxLength: 80,
    maxValues: 20,
  },
  { var: F.onAccept, type: 'list-single', label: 'On accept', required: true, options: options(TEMPLATE_ON_ACCEPT) },
];

export const TEMPLATE_FORM: FormDef = {
  formType: FORM_TEMPLATE,
  title: 'Edit a quick-response template',
  fields: FIELDS,
};
export const TEMPLATES_TABLE: FormDef = { formType: FORM_TEMPLATES, title: 'Quick-response templates', fields: FIELDS };

const seconds = (ms: number | undefined) => (ms === undefined ? '' : String(ms / 1000));
const FIELD_TYPES = { text: 'text-single', jid: 'jid-single' } as const;
const fieldWord = (t: TemplateField['type']) => (t === 'jid-single' ? 'jid' : 'text');

export function templateValues(t: RequestTemplate): FormValues {
  return {
    [F.id]: t.id,
    [F.title]: t.title,
    [F.choices]: t.choices.map((c) => `${c.value} ${c.style} ${c.accepts ? 'accepts' : 'declines'} ${c.label}`),
    [F.rule]: t.rule.kind,
    [F.quorum]: t.rule.kind === 'quorum' ? String(t.rule.n) : '',
    [F.expires]: seconds(t.expiresAfterMs),
    [F.escalateAfter]: seconds(t.escalation?.afterMs),
    [F.escalateRoles]: [...(t.escalation?.roles ?? [])],
    [F.escalatePeople]: [...(t.escalation?.people ?? [])],
    [F.fields]: t.fields.map((f) => `${f.var} ${fieldWord(f.type)} ${f.required ? 'required' : 'optional'} ${f.label}`),
    [F.onAccept]: t.onAccept ?? 'none',
  };
}

/** "<a> <b> <c> <label with spaces>", or undefined. */
const fourParts = (line: string) => /^(\S+)\s+(\S+)\s+(\S+)\s+(.*\S)\s*$/.exec(line.trim())?.slice(1);
const lower = (xs: string[]) => xs.map((x) => x.trim().toLowerCase()).filter(Boolean);

function readChoices(lines: string[], problems: string[]): Choice[] {
  return lines.flatMap((line) => {
    const p = fourParts(line);
    const counts = p?.[2]?.toLowerCase();
    if (!p || (counts !== 'accepts' && counts !== 'declines')) {
      problems.push(`Buttons: ${quote(line)} is not "<value> <style> <accepts|declines> <label>"`);
      return [];
    }
    return [
      {
        value: p[0]!.toLowerCase(),
        style: p[1]!.toLowerCase() as ChoiceStyle,
        accepts: counts === 'accepts',
        label: p[3]!,
      },
    ];
  });
}

function readFields(lines: string[], problems: string[]): TemplateField[] {
  return lines.flatMap((line) => {
    const p = fourParts(line);
    const type = FIELD_TYPES[p?.[1]?.toLowerCase() as keyof typeof FIELD_TYPES];
    const need = p?.[2]?.toLowerCase();
    if (!p || !type || (need !== 'required' && need !== 'optional')) {
      problems.push(`Fields: ${quote(line)} is not "<name> <text|jid> <required|optional> <label>"`);
      return [];
    }
    return [{ var: p[0]!.toLowerCase(), type, label: p[3]!, ...(need === 'required' ? { required: true } : {}) }];
  });
}

function readEscalation(v: FormValues, problems: string[]): Escalation | undefined {
  const after = String(v[F.escalateAfter] ?? '').trim();
  const roles = lower(list(v[F.escalateRoles]));
  const people = lower(list(v[F.escalatePeople]));
  if (after) return { afterMs: whole(after) * 1000, roles, people };
  if (roles.length + people.length) problems.push('Escalation: say after how many seconds it goes out');
  return undefined;
}

/** Reads the submitted form into a template; `problems` says which lines could not be read at all. */
export function templateFromValues(v: FormValues): { template: RequestTemplate; problems: string[] } {
  const problems: string[] = [];
  const kind = String(v[F.rule] ?? '');
  const rule = (kind === 'quorum' ? { kind, n: whole(String(v[F.quorum] ?? '').trim()) } : { kind }) as ResponseRule;
  const expires = String(v[F.expires] ?? '').trim();
  const escalation = readEscalation(v, problems);
  const onAccept = String(v[F.onAccept] ?? 'none');
  const template: RequestTemplate = {
    id: String(v[F.id] ?? '')
      .trim()
      .toLowerCase(),
    title: String(v[F.title] ?? '').trim(),
    choices: readChoices(list(v[F.choices]), problems),
    rule,
    ...(expires ? { expiresAfterMs: whole(expires) * 1000 } : {}),
    ...(escalation ? { escalation } : {}),
    fields: readFields(list(v[F.fields]), problems),
    ...(onAccept === 'join-room' ? { onAccept } : {}),
  };
  return { template, problems };
}
