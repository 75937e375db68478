// XEP-0004 data forms, declared once: the same declaration renders the form
// (or its result) and parses and validates what a client submits.
// https://xmpp.org/extensions/xep-0004.html
import { NS_DATA } from '@bleep/protocol';
import { xml, type Element } from './xml.ts';

export type FieldType =
  | 'text-single'
  | 'text-multi'
  // XEP-0004 §3.3: a password; clients hide what is typed.
  | 'text-private'
  | 'jid-single'
  | 'jid-multi'
  | 'list-single'
  | 'list-multi'
  | 'boolean'
  // XEP-0004 §3.3: a value the client carries through without showing it.
  | 'hidden';

export interface FieldDef {
  readonly var: string;
  readonly type: FieldType;
  readonly label: string;
  readonly required?: boolean;
  readonly options?: readonly { readonly value: string; readonly label: string }[];
  /** Longest accepted value, in characters (default 1000). */
  readonly maxLength?: number;
  /** Most values a multi field takes (default 50); a single field takes one. */
  readonly maxValues?: number;
  /** A text field sent with no value is '' (cleared on purpose), not left out (XEP-0004 §3.3: empty is a value). */
  readonly emptyIsValue?: boolean;
}

export interface FormDef {
  /** XEP-0068 FORM_TYPE. */
  readonly formType: string;
  readonly title: string;
  readonly instructions?: string;
  readonly fields: readonly FieldDef[];
}

export type FieldValue = string | readonly string[] | boolean;
export type FormValues = Readonly<Record<string, FieldValue>>;
export type ParsedForm = { ok: true; values: FormValues } | { ok: false; problems: string[] };

const MULTI: ReadonlySet<FieldType> = new Set(['text-multi', 'list-multi', 'jid-multi']);
export const BARE_JID = /^[^@\s/]+@[^@\s/]+$/;
const DEFAULT_MAX = 1000;
// Issue #14: limits on what a user controls. Prosody bounds a whole stanza
// (256 KiB); these bound what one form may hold inside it, so that a
// submission cannot store a thousand roles or make the parser look through
// ten thousand fields. No form of Bleep has more than a dozen fields.
const DEFAULT_MAX_VALUES = 50;
export const MAX_FIELDS = 100;

function valuesOf(v: FieldValue | undefined): string[] {
  if (v === undefined) return [];
  if (typeof v === 'boolean') return [v ? 'true' : 'false'];
  return typeof v === 'string' ? [v] : [...v];
}

/** Renders `def` as a form to fill in, or as a result carrying `values`. */
export function renderForm(def: FormDef, type: 'form' | 'result', values: FormValues = {}): Element {
  return xml(
    'x',
    { xmlns: NS_DATA, type },
    xml('title', {}, def.title),
    type === 'form' && def.instructions ? xml('instructions', {}, def.instructions) : undefined,
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, def.formType)),
    ...def.fields.map((f) =>
      xml(
        'field',
        { var: f.var, type: f.type, label: f.label },
        type === 'form' && f.required ? xml('required') : undefined,
        ...(type === 'form' ? (f.options ?? []) : []).map((o) =>
          xml('option', { label: o.label }, xml('value', {}, o.value)),
        ),
        ...valuesOf(values[f.var]).map((v) => xml('value', {}, v)),
      ),
    ),
  );
}

function parseField(f: FieldDef, raw: string[], problems: string[]): FieldValue | undefined {
  const max = f.maxLength ?? DEFAULT_MAX;
  const maxValues = MULTI.has(f.type) ? (f.maxValues ?? DEFAULT_MAX_VALUES) : 1;
  if (raw.length > maxValues && MULTI.has(f.type)) {
    problems.push(`${f.label} takes at most ${maxValues} values; ${raw.length} were sent. Send fewer.`);
    return undefined;
  }
  const values = raw.map((v) => v.trim()).filter((v) => v !== '');
  if (values.length === 0) {
    if (f.required) problems.push(`${f.label} is required.`);
    return undefined;
  }
  if (!MULTI.has(f.type) && values.length > 1) problems.push(`${f.label} takes one value.`);
  if (values.some((v) => v.length > max)) problems.push(`${f.label} is longer than ${max} characters.`);
  if (f.options && values.some((v) => !f.options!.some((o) => o.value === v)))
    problems.push(`${f.label}: choose one of ${f.options.map((o) => o.label).join(', ')}.`);
  if (f.type === 'jid-single' && !BARE_JID.test(values[0]!))
    problems.push(`${f.label} must be an address like name@hospital.`);
  if (f.type === 'jid-multi' && !values.every((v) => BARE_JID.test(v)))
    problems.push(`${f.label} must be addresses like name@hospital, one per value.`);
  if (f.type === 'boolean') {
    if (!['true', 'false', '1', '0'].includes(values[0]!)) problems.push(`${f.label} must be true or false.`);
    return values[0] === 'true' || values[0] === '1';
  }
  return MULTI.has(f.type) ? values : values[0];
}

/** Parses a submitted <x type="submit"/> against `def`, listing every problem. */
export function parseSubmit(def: FormDef, x: Element | undefined): ParsedForm {
  if (!x || x.attrs.xmlns !== NS_DATA || x.attrs.type !== 'submit')
    return { ok: false, problems: [`Send the "${def.title}" form filled in (a data form of type submit).`] };
  const formType = x.getChildren('field').find((f) => f.attrs.var === 'FORM_TYPE');
  // (FORM_TYPE first: a form of another kind is told so whatever else it holds.)
  const sentType = formType?.getChildText('value');
  if (sentType && sentType !== def.formType) return { ok: false, problems: [`This is not the "${def.title}" form.`] };
  const sent = x.getChildren('field');
  if (sent.length > MAX_FIELDS)
    return {
      ok: false,
      problems: [
        `The form sent has ${sent.length} fields; a form may have at most ${MAX_FIELDS}. Send only the fields of "${def.title}".`,
      ],
    };
  const problems: string[] = [];
  const values: Record<string, FieldValue> = {};
  for (const f of def.fields) {
    const field = sent.find((el) => el.attrs.var === f.var);
    const raw = field ? field.getChildren('value').map((v) => v.text()) : [];
    const v = parseField(f, raw, problems);
    if (v !== undefined) values[f.var] = v;
    else if (field && f.emptyIsValue && !f.required) values[f.var] = '';
  }
  return problems.length ? { ok: false, problems } : { ok: true, values };
}

/** XEP-0004 §3.4: a result table, <reported/> column definitions then one <item/> per row. */
export function renderTable(def: FormDef, rows: readonly FormValues[]): Element {
  return xml(
    'x',
    { xmlns: NS_DATA, type: 'result' },
    xml('title', {}, def.title),
    xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, def.formType)),
    xml('reported', {}, ...def.fields.map((f) => xml('field', { var: f.var, type: f.type, label: f.label }))),
    ...rows.map((row) =>
      xml(
        'item',
        {},
        ...def.fields.map((f) => xml('field', { var: f.var }, ...valuesOf(row[f.var]).map((v) => xml('value', {}, v)))),
      ),
    ),
  );
}
