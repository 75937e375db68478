// An admin's editor as one ad-hoc command (XEP-0050), shared by alarm-preset-edit
// and template-edit: step 1 asks which one (its id; a new id adds one), step 2
// is the same form prefilled with what is stored, and the submitted form is read,
// checked and saved with its audit record. A refused edit changes nothing and
// says every reason (bad-form); the note says whether it was saved or added.
import { randomUUID } from 'node:crypto';
import type { AuditMeta } from '../store/types.ts';
import type { Command } from './adhoc.ts';
import type { FormDef, FormValues } from './dataform.ts';
import { BleepError } from './errors.ts';

export interface Editor<T> {
  readonly node: string;
  readonly name: string;
  /** What it edits, in the note and the refusal ("preset", "template"). */
  readonly noun: string;
  /** Step 1: the id alone, in field `idVar`. */
  readonly idForm: FormDef;
  readonly idVar: string;
  readonly form: FormDef;
  /** The form's values for `id` (lower-case): the stored one, or a new one's starting values. */
  load(id: string): Promise<FormValues>;
  /** The submitted form read into a value, with every problem found (none: it is saved). */
  read(values: FormValues): Promise<{ value: T; problems: string[] }>;
  /** Saves the value with its audit record; `before` when it replaced one. */
  save(value: T, audit: AuditMeta): Promise<{ before?: T }>;
  /** How the note names the value. */
  label(value: T): string;
}

export function editCommand<T>(e: Editor<T>): Command {
  return {
    node: e.node,
    name: e.name,
    permission: 'directory-admin',
    run: async ({ caller, step, input }) => {
      if (step === 0) return { kind: 'form', form: e.idForm };
      if (step === 1) {
        const values = await e.load(String(input![e.idVar]).trim().toLowerCase());
        return { kind: 'form', form: e.form, values, last: true };
      }
      const { value, problems } = await e.read(input!);
      if (problems.length) throw new BleepError('bad-form', `The ${e.noun} has problems: ${problems.join('; ')}.`);
      const meta = { id: randomUUID(), at: new Date().toISOString(), actor: caller.bare, action: e.node };
      const { before } = await e.save(value, meta);
      return { kind: 'done', note: `${before ? 'Saved' : 'Added'} the ${e.noun} ${e.label(value)}.` };
    },
  };
}
