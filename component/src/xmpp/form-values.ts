// Reading a parsed form's values (dataform.ts) into typed ones, shared by the
// admin editors (alarm presets, templates): lists one value per line, whole
// numbers as written, options named by their own value.
import type { FormValues } from './dataform.ts';

/** A field's values as a list (a single value is a list of one; none or a boolean: empty). */
export const listOf = (v: FormValues[string] | undefined): string[] =>
  v === undefined || typeof v === 'boolean' ? [] : typeof v === 'string' ? [v] : [...v];

/** A count or a number of seconds as written; NaN (for the validator to refuse) when it is not a plain whole number. */
export const wholeNumber = (s: string | undefined): number =>
  s !== undefined && /^\d{1,9}$/.test(s) ? Number(s) : NaN;

/** list-single/list-multi options labelled with their own value. */
export const optionsOf = (values: readonly string[]) => values.map((v) => ({ value: v, label: v }));
