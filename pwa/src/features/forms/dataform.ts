// XEP-0004 data forms ↔ typed values: a form the component declares once is
// rendered here (FormFields.vue) and submitted back, so the app keeps no copy
// of it. Hand-written: the few lines of XEP-0004 the app needs; the npm data
// form packages are either a whole XMPP client (stanza.io) or unkept.
import { NS_DATA } from '@bleep/protocol';
import { xml, type XmlElement } from '@xmpp/client';

// https://xmpp.org/extensions/xep-0004.html#protocol-fieldtypes
export type FieldType =
  | 'boolean'
  | 'fixed'
  | 'hidden'
  | 'jid-multi'
  | 'jid-single'
  | 'list-multi'
  | 'list-single'
  | 'text-multi'
  | 'text-private'
  | 'text-single';
const TYPES: readonly FieldType[] = [
  'boolean',
  'fixed',
  'hidden',
  'jid-multi',
  'jid-single',
  'list-multi',
  'list-single',
  'text-multi',
  'text-private',
  'text-single',
];

export interface Option {
  readonly label: string;
  readonly value: string;
}

export interface FormField {
  readonly var: string;
  readonly type: FieldType;
  readonly label: string;
  readonly required: boolean;
  readonly options: readonly Option[];
  readonly values: readonly string[];
}

export interface DataForm {
  /** form, result (XEP-0004 §3.3). */
  readonly kind: string;
  /** The FORM_TYPE (XEP-0068), '' when none. */
  readonly formType: string;
  readonly title: string;
  readonly instructions: string;
  readonly fields: readonly FormField[];
}

/** Values by field var, as the user fills them in; multi fields hold several. */
export type FormValues = Record<string, string[]>;

const isMulti = (t: FieldType) => t === 'jid-multi' || t === 'list-multi' || t === 'text-multi';
export { isMulti };

function field(f: XmlElement): FormField {
  // XEP-0004 §3.3: a field without a type is text-single.
  const type = (TYPES as readonly string[]).includes(f.attrs.type ?? '') ? (f.attrs.type as FieldType) : 'text-single';
  return {
    var: f.attrs.var ?? '',
    type,
    label: f.attrs.label ?? f.attrs.var ?? '',
    required: !!f.getChild('required'),
    options: f.getChildren('option').map((o) => {
      const value = o.getChildText('value') ?? '';
      return { value, label: o.attrs.label ?? value };
    }),
    values: f.getChildren('value').map((v) => v.text()),
  };
}

export function parseForm(x: XmlElement): DataForm {
  const fields = x.getChildren('field').map(field);
  return {
    kind: x.attrs.type ?? 'form',
    formType: fields.find((f) => f.var === 'FORM_TYPE')?.values[0] ?? '',
    title: x.getChildText('title') ?? '',
    instructions: x
      .getChildren('instructions')
      .map((i) => i.text())
      .join('\n'),
    fields: fields.filter((f) => f.var !== 'FORM_TYPE'),
  };
}

/** The values a form starts with (its defaults, or what the app fills in for the user). */
export function initialValues(form: DataForm, prefill: FormValues = {}): FormValues {
  return Object.fromEntries(form.fields.filter((f) => f.var).map((f) => [f.var, [...(prefill[f.var] ?? f.values)]]));
}

/** Required fields left empty, by label: what the user must still fill in. */
export function missing(form: DataForm, values: FormValues): string[] {
  return form.fields.filter((f) => f.required && !(values[f.var] ?? []).some((v) => v.trim())).map((f) => f.label);
}

/** XEP-0004 §3.2: the filled-in form, with its FORM_TYPE; empty values are left out. */
export function submitForm(form: DataForm, values: FormValues): XmlElement {
  const fields = form.fields
    .filter((f) => f.var && f.type !== 'fixed')
    .map((f) => {
      const vs = (values[f.var] ?? f.values).map((v) => v.trim()).filter(Boolean);
      return xml('field', { var: f.var }, ...vs.map((v) => xml('value', {}, v)));
    });
  const formType = form.formType
    ? [xml('field', { var: 'FORM_TYPE', type: 'hidden' }, xml('value', {}, form.formType))]
    : [];
  return xml('x', { xmlns: NS_DATA, type: 'submit' }, ...formType, ...fields);
}

/** XEP-0004 §3.4: a result table (reported + items) → one record of values per item. */
export function parseTable(x: XmlElement): Record<string, string[]>[] {
  return x
    .getChildren('item')
    .map((item) =>
      Object.fromEntries(
        item.getChildren('field').map((f) => [f.attrs.var ?? '', f.getChildren('value').map((v) => v.text())]),
      ),
    );
}
